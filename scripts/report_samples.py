"""Every report kind of a ward with six months of results and of an office with 20 units, as PDF and Word.

  .venv/bin/python scripts/report_samples.py OUT_DIR [--units 20]

OUT_DIR/ward/ and OUT_DIR/office/ hold the databases; OUT_DIR/*.pdf and *.docx the reports (month, quarter, year
and summary of the ward for 06/2025; the office's consolidated report for 06/2025, and its workbook .xlsx).
Deterministic; used for the pages in docs/ and by the tests of issue 20.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dti_desktop.domain.goals import MeasureKind  # noqa: E402
from dti_desktop.domain.periods import Period  # noqa: E402
from dti_desktop.domain.progress import Status, parse_value  # noqa: E402
from dti_desktop.domain.report_texts import ReportTexts, group_key  # noqa: E402
from dti_desktop.domain.settings import Settings  # noqa: E402
from dti_desktop.domain.units import UnitKind  # noqa: E402
from dti_desktop.services import first_run, report_register, workspace  # noqa: E402
from dti_desktop.services.app_database import open_app_database  # noqa: E402

AREA = "thành phố Đông Triều"
OFFICE = "Phòng Văn hóa và Thông tin"
NOTES = ("Báo cáo của Bộ phận một cửa; số liệu trích từ Hệ thống thông tin giải quyết thủ tục hành chính tỉnh "
         "Quảng Ninh ngày {d}/{m}/2025, kèm danh sách hồ sơ đã số hóa theo từng lĩnh vực (hộ tịch, chứng thực, "
         "đất đai, xây dựng) và biên bản kiểm tra của tổ công nghệ số cộng đồng")
DIFFICULTY = "Một số người dân cao tuổi chưa sử dụng thành thạo điện thoại thông minh."
CAUSE = "Hạ tầng mạng ở khu vực vùng cao chưa ổn định."
PROPOSAL = "Hỗ trợ kinh phí mua sắm thiết bị số hóa hồ sơ cho Bộ phận một cửa."
DOCUMENTS = (("15/KH-UBND", date(2025, 1, 10), "Chuyển đổi số phường Mạo Khê năm 2025"),
             ("42/UBND-VHTT", date(2025, 2, 3), "V/v triển khai Kế hoạch chuyển đổi số năm 2025"),
             ("08/QĐ-UBND", date(2025, 2, 20), "Kiện toàn Tổ công nghệ số cộng đồng các khu phố"),
             ("96/UBND-VHTT", date(2025, 4, 8), "V/v tăng cường thanh toán không dùng tiền mặt"),
             ("31/KH-UBND", date(2025, 5, 12), "Tuyên truyền, hướng dẫn người dân cài đặt VNeID mức độ 2"),
             ("133/UBND-VHTT", date(2025, 6, 5), "V/v rà soát, làm sạch dữ liệu dân cư"))

OFFICE_TEXTS = ReportTexts(
    uu_diem="Các đơn vị đã chủ động cập nhật kết quả thực hiện hằng tháng, kèm minh chứng.",
    ton_tai="Còn 03 đơn vị chưa gửi báo cáo tháng; một số đơn vị gửi muộn so với thời hạn.",
    nguyen_nhan="Cán bộ đầu mối chuyển đổi số ở một số đơn vị mới được phân công, chưa nắm rõ quy trình gửi báo cáo.",
    nhiem_vu="Đôn đốc các đơn vị chưa gửi báo cáo hoàn thành trước ngày 05/7/2025.\n"
             "Hướng dẫn cán bộ đầu mối mới cập nhật kết quả và gửi báo cáo trên phần mềm.",
    de_xuat="Bố trí kinh phí tập huấn kỹ năng số cho cán bộ đầu mối các xã, phường.\n"
            "Đề nghị Sở Khoa học và Công nghệ hướng dẫn thống nhất cách tính tỷ lệ hồ sơ trực tuyến toàn trình.")


def value_for(measure, progress: float) -> str:
    if measure.kind is MeasureKind.TEXT or measure.low is None:
        return ""
    if measure.kind is MeasureKind.COUNT:
        return str(max(1, round(measure.low * progress)))
    return f"{min(100.0, round(measure.low * progress, 1))}".replace(".", ",")


def fill_unit(db, db_path: Path, name: str, kind: UnitKind, rng: random.Random, months=range(1, 7),
              officer: str = "Nguyễn Thị Hoa") -> None:
    ctx = first_run.complete_first_run(db, first_run.FirstRunChoice(
        Settings(unit_name=name, district=AREA, officer_name=officer, report_day=15, consolidating_office=OFFICE,
                 signatory_name="Phạm Văn Minh", recipients=f"- UBND {AREA} (b/c);\n- {OFFICE};\n- Lưu: VT."), kind))
    speed = {code: rng.uniform(0.55, 1.3) for code in (r.code for r in workspace.rows(db, ctx, Period(2025, 1)))}
    for month in months:
        period = Period(2025, month)
        for row in workspace.rows(db, ctx, period):
            progress = min(1.1, speed[row.code] * month / 6)
            if rng.random() < 0.12 or (month < 3 and rng.random() < 0.4):
                continue  # not updated this month
            status = Status.HOAN_THANH if progress >= 1 else Status.DANG_TRIEN_KHAI if progress > 0.3 \
                else Status.CHUA_TRIEN_KHAI
            values = {p: parse_value(v) for p, m in enumerate(row.measures) if (v := value_for(m, progress))} \
                if status is not Status.CHUA_TRIEN_KHAI else {}
            long = row.code in ("3", "9", "17")
            entry = replace(workspace.blank_entry(row, period), status=status, values=values,
                            evidence_notes=NOTES.format(d=15, m=month) if long else "Báo cáo của bộ phận chuyên môn",
                            difficulties=DIFFICULTY if row.code in ("9", "12") else "",
                            causes=CAUSE if row.code == "12" else "",
                            proposals=PROPOSAL if row.code == "3" and month >= 3 else "")
            workspace.save(db, db_path.parent / "evidence", entry, row.measures, [], officer)


def ward(folder: Path) -> tuple:
    path = folder / "ward" / "dti.sqlite3"
    db = open_app_database(path)
    fill_unit(db, path, "UBND phường Mạo Khê", UnitKind.PHUONG, random.Random(20))
    for number, day, abstract in DOCUMENTS:
        report_register.add_document(db, number, day, abstract=abstract)
    ctx = workspace.context_for(db, Period(2025, 6), read_only=True)
    titles = sorted({r.group_title for r in workspace.rows(db, ctx, Period(2025, 6)) if r.group_title})
    texts = ReportTexts(
        uu_diem="Lãnh đạo phường quan tâm chỉ đạo sát sao; các bộ phận chuyên môn phối hợp chặt chẽ.\n"
                "Tổ công nghệ số cộng đồng hoạt động thường xuyên tại 12/12 khu phố.",
        ton_tai="Tỷ lệ thanh toán trực tuyến còn thấp.\nMột số khu phố chưa cập nhật kịp thời dữ liệu dân cư.",
        nguyen_nhan="Người dân còn thói quen nộp hồ sơ trực tiếp.\nThiết bị số hóa tại Bộ phận một cửa đã xuống cấp.",
        nhiem_vu="Tiếp tục quán triệt Kế hoạch số 36/KH-UBND ngày 06/02/2025 của UBND thành phố.",
        de_xuat="Hỗ trợ kinh phí mua sắm 02 máy quét tài liệu cho Bộ phận một cửa.\n"
                "Đề nghị Sở Khoa học và Công nghệ tổ chức tập huấn kỹ năng số cho Tổ công nghệ số cộng đồng.",
        tasks={group_key(t.split(" (")[0]): "Rà soát, hoàn thành các chỉ tiêu còn lại trước ngày 30/9/2025."
               for t in titles[:2]})
    for kind in ("month", "quarter"):
        report_register.save_texts(db, kind, Period(2025, 6), texts)
    return db, path


def office(folder: Path, units: int) -> tuple:
    from dti_desktop.services import district, packages

    from datetime import datetime, timedelta, timezone

    usb, late_usb = folder / "usb", folder / "usb-late"
    rng = random.Random(7)
    vn = timezone(timedelta(hours=7))
    real_clock = packages.now_iso
    names = [f"UBND {'xã' if i % 4 == 0 else 'phường'} {n}" for i, n in enumerate(
        ("An Sinh", "Bình Dương", "Bình Khê", "Đức Chính", "Hoàng Quế", "Hồng Phong", "Hưng Đạo", "Kim Sơn",
         "Mạo Khê", "Tân Việt", "Thủy An", "Tràng An", "Tràng Lương", "Việt Dân", "Xuân Sơn", "Yên Đức",
         "Yên Thọ", "Hồng Thái Đông", "Hồng Thái Tây", "Nguyễn Huệ", "Tràng Bạch", "Hoàng Thạch")[:units])]
    for i, name in enumerate(names):
        if i % 7 == 3:
            continue  # sends nothing
        path = folder / "units" / name / "dti.sqlite3"
        db = open_app_database(path)
        fill_unit(db, path, name, UnitKind.XA if name.startswith("UBND xã") else UnitKind.PHUONG, rng,
                  range(5, 7), officer=f"Cán bộ {name[-7:]}")
        late = i % 5 == 1  # sent after the 20th
        packages.now_iso = lambda late=late: f"2025-06-{22 if late else 16}T15:30:00+07:00"  # the unit's clock
        try:
            packages.export_package(db, path.parent / "evidence", Period(2025, 6), late_usb if late else usb)
        finally:
            packages.now_iso = real_clock
        db.close()
    path = folder / "office" / "dti.sqlite3"
    db = open_app_database(path)
    first_run.complete_first_run(db, first_run.FirstRunChoice(
        Settings(unit_name=OFFICE, district=AREA, report_day=20, issuer_code="VHTT", signatory_name="Trần Văn Nam",
                 signatory_title="TRƯỞNG PHÒNG",
                 consolidating_office=f"UBND {AREA}"), UnitKind.CO_QUAN))
    from dti_desktop.domain.units import Unit
    from dti_desktop.storage.unit_store import add_unit

    for name in names:  # the office knows its units (a package from a unit it does not know is held)
        add_unit(db, Unit(name, UnitKind.XA if name.startswith("UBND xã") else UnitKind.PHUONG, AREA))
    # received on the 18th and the 23rd, by the office's clock (the import judges on time by it)
    outcomes = district.import_packages(db, path.parent / "evidence", [usb], now=datetime(2025, 6, 18, 9, 0, tzinfo=vn))
    outcomes += district.import_packages(db, path.parent / "evidence", [late_usb],
                                         now=datetime(2025, 6, 23, 9, 0, tzinfo=vn))
    refused = [f"{o.file.name}: {o.message}" for o in outcomes if not o.accepted]
    if refused:
        raise RuntimeError("gói bị từ chối: " + "; ".join(refused))
    report_register.save_texts(db, "district", Period(2025, 6), OFFICE_TEXTS)  # the office's own words
    return db, path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--units", type=int, default=20)
    args = parser.parse_args(argv)
    from dti_desktop.io.pdf_render import ensure_gui_app
    from dti_desktop.services import reports

    ensure_gui_app()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    db, path = ward(out)
    for kind, day in (("month", date(2025, 6, 14)), ("quarter", date(2025, 6, 15)), ("year", date(2025, 12, 9)),
                      ("summary", date(2025, 6, 14))):
        for fmt in ("pdf", "docx"):
            target = out / f"ward-{kind}.{fmt}"
            writer = reports.write_pdf if fmt == "pdf" else getattr(reports, "write_docx", None)
            if writer is None:
                continue
            result = writer(db, path.parent / "evidence", kind, Period(2025, 6), target, day, number="5")
            print(f"{target}: {result}")
    db.close()
    db, path = office(out, args.units)
    from dti_desktop.services import district

    print(district.export_consolidated(db, district.plan_id_for(db, Period(2025, 6)), Period(2025, 6),
                                       out / "office-district.xlsx", date(2025, 6, 25)))
    for fmt in ("pdf", "docx"):
        target = out / f"office-district.{fmt}"
        writer = reports.write_pdf if fmt == "pdf" else getattr(reports, "write_docx", None)
        if writer is not None:
            print(f"{target}: {writer(db, path.parent / 'evidence', 'district', Period(2025, 6), target, date(2025, 6, 25), number='7')}")
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
