"""A smaller libicudata for the Linux bundle: Qt's ICU data (32 MB) cut to what a Vietnamese program uses.

PySide6's Linux wheels ship ICU with all of its data compiled into libicudata.so.NN: every locale's
names, currencies, units and collations, CJK/Thai dictionaries, 190 legacy converters. The program
needs root, Vietnamese and English data (collation, time-zone and number names), the normalisation and
break rules, time zones and a few converters (Windows-1252, Windows-1258). This module cuts the data
package with ICU's own tools (icupkg, genccode from Debian's icu-devtools) and assembles a drop-in
libicudata.so.NN exporting the same symbol, about 4 MB. Windows needs none of this: Qt uses the system's
ICU there.

  python packaging/icu_data.py SRC_LIBICUDATA OUT_DIR   -> prints the path of the new library

Nothing is downloaded; ICU's data format is stable across versions, so icupkg 72 handles ICU 73 data.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

TOOLS = ("icupkg", "genccode", "gcc")
LOCALES = re.compile(r"^(root|en|en_US|en_US_POSIX|en_001|vi|vi_VN|pool|res_index)\.res$")
TREES = ("", "curr", "zone", "lang", "region", "unit", "rbnf", "coll", "brkitr")
TOP_ITEMS = {
    # normalisation, IDNA, character properties and names
    "nfkc.nrm", "nfkc_cf.nrm", "uts46.nrm", "unames.icu", "uemoji.icu", "ulayout.icu",
    # CLDR supplemental data every locale-sensitive service reads
    "supplementalData.res", "likelySubtags.res", "metadata.res", "keyTypeData.res", "langInfo.res",
    "numberingSystems.res", "plurals.res", "pluralRanges.res", "dayPeriods.res", "genderList.res",
    "grammaticalFeatures.res", "units.res", "currencyNumericCodes.res", "icuver.res", "icustd.res",
    # time zones
    "metaZones.res", "timezoneTypes.res", "windowsZones.res", "zoneinfo64.res",
    # converters: the alias table, Windows-1252 and the Vietnamese code pages (UTF-*, ASCII and
    # Latin-1 are built into the code)
    "cnvalias.icu", "ibm-5348_P100-1997.cnv", "ibm-1258_P100-1997.cnv", "ibm-5354_P100-1998.cnv",
}


def kept(item: str) -> bool:
    """Whether a data item (`tree/name.ext`) is needed by the program."""
    tree, _, name = item.rpartition("/")
    if tree in TREES and LOCALES.match(name):
        return True
    if tree == "":
        return name in TOP_ITEMS
    if tree == "coll":
        return name == "ucadata.icu"
    if tree == "brkitr":  # rule-based break iterators; not the CJK/Thai/Khmer/Lao/Burmese dictionaries
        return name.endswith(".brk") and not re.search(r"_cj|_el|fi_sv", name)
    return False


def _symbol(path: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the icudtNN_dat object exported by a libicudata ELF file."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path}: not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    for sh in sections:
        if sh[1] != 11:  # SHT_DYNSYM
            continue
        strtab = sections[sh[6]][4]
        for off in range(sh[4], sh[4] + sh[5], 24):
            st_name, _, _, shndx, value, size = struct.unpack_from("<IBBHQQ", data, off)
            name = data[strtab + st_name:data.index(b"\0", strtab + st_name)].decode()
            if re.fullmatch(r"icudt\d+_dat", name):
                section = sections[shndx]
                return name, section[4] + value - section[3], size
    raise ValueError(f"{path}: no icudtNN_dat symbol")


def build(src: Path, out_dir: Path) -> Path:
    """Builds out_dir/<same name as src>, a libicudata with only the kept items; returns its path."""
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        raise RuntimeError(f"thiếu công cụ {', '.join(missing)} (gói Debian icu-devtools, gcc)")
    symbol, offset, size = _symbol(src)
    package = symbol.removesuffix("_dat") + "l"  # icudt73l: little-endian ASCII, as icupkg names it
    work = out_dir / "icu-work"
    shutil.rmtree(work, ignore_errors=True)
    (work / "cut").mkdir(parents=True)
    with open(src, "rb") as f:
        f.seek(offset)
        (work / f"{package}.dat").write_bytes(f.read(size))
    listing = subprocess.run(["icupkg", "-l", f"{package}.dat"], cwd=work, check=True, capture_output=True,
                             text=True).stdout.split()
    removed = [item for item in listing if not kept(item)]
    (work / "remove.txt").write_text("\n".join(removed) + "\n", encoding="utf-8")
    # --ignore-deps: brkitr/root.res names the dictionaries; without them ICU falls back to the rules
    subprocess.run(["icupkg", "--ignore-deps", "-r", "remove.txt", f"{package}.dat", f"cut/{package}.dat"],
                   cwd=work, check=True, capture_output=True)
    subprocess.run(["genccode", "-e", symbol.removesuffix("_dat"), "-a", "gcc", "-d", ".", f"cut/{package}.dat"],
                   cwd=work, check=True, capture_output=True)
    target = out_dir / src.name
    subprocess.run(["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{src.name}", "-Wl,-z,noexecstack",
                    "-o", str(target), f"{package}_dat.S"], cwd=work, check=True, capture_output=True)
    if _symbol(target)[0] != symbol:
        raise RuntimeError(f"{target}: symbol {symbol} missing")
    shutil.rmtree(work)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(build(Path(sys.argv[1]), Path(sys.argv[2])))
