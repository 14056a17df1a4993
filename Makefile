# Convenience targets; the README's two commands do not need make.
.PHONY: run test package installer bench bench-quick

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

package:  ## one-folder bundle in dist/DTI-Desktop (Linux here; Windows: packaging/build_windows.ps1)
	bash packaging/build_linux.sh

installer: package  ## checks that the NSIS script compiles around the bundle (needs makensis)
	cd packaging && makensis -V2 -INPUTCHARSET UTF8 "-XSetCompressor /FINAL zlib" -DEXE=DTI-Desktop -DOUTFILE=../dist/DTI-Desktop-CaiDat-kiemtra.exe installer.nsi

bench:
	.venv/bin/python benchmarks/run.py

bench-quick:
	.venv/bin/python benchmarks/run.py --quick
