"""Benchmark: `pubdesk check` against poppler's and qpdf's inspectors on the same file.

    python benchmarks/pdfcheck.py [--pages 320] [--image-mb 3.3] [--runs 3] [--keep DIR]

Builds a print PDF of N pages, each with Chinese text in the embedded bundled font and its
own 600-dpi CMYK image (random pixels, so the file really is large: 320 pages × 3.3 MB ≈
1 GB), then times, in the same run:

  ours      pubdesk check --json FILE   (every check of 附件三, in an isolated child)
  baseline  pdffonts + pdfimages -list + pdfinfo + qpdf --json --json-key=outlines

and the same for a second file of 10,002 small pages (many pages, little data each).

and reports the ratio ours / baseline (target ≤ 1.0) and our peak RSS (target < 200 MB).
Debian's poppler-utils and qpdf are installed when missing (as root).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TEXT = ("經濟部產業發展署出版之政府出版品，依附件三規定檢查電子檔：字型嵌入、解析度六百、"
        "色彩為印刷四色。臺灣產業發展年報第{page}頁。")


def ensure_tools() -> None:
    """poppler-utils and qpdf from Debian, when missing."""
    missing = [t for t in ("pdffonts", "pdfimages", "pdfinfo", "qpdf") if not shutil.which(t)]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"Install Debian's poppler-utils and qpdf first (missing: {missing}).")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "poppler-utils", "qpdf"], check=True,
                   env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def build(path: Path, pages: int, image_mb: float) -> None:
    """The test file: reportlab text pages, then one CMYK image per page with pikepdf."""
    import pikepdf
    from reportlab.pdfgen.canvas import Canvas

    from app.documents.pdf_fonts import pdf_fonts

    fonts = pdf_fonts()
    text_only = path.with_suffix(".text.pdf")
    canvas = Canvas(str(text_only), initialFontName=fonts.cjk)
    for page in range(1, pages + 1):
        canvas.setFillColorCMYK(0, 0, 0, 1)
        canvas.setFont(fonts.cjk, 11)
        for line in range(30):
            canvas.drawString(72, 760 - line * 16, TEXT.format(page=page)[: 30 + line % 10])
        canvas.showPage()
    canvas.save()
    side = int((image_mb * 1_000_000 / 4) ** 0.5)
    placed = side * 72 / 600
    with pikepdf.open(text_only) as pdf:
        for page in pdf.pages:
            image = pdf.make_stream(os.urandom(side * side * 4), pikepdf.Dictionary(
                Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=side, Height=side,
                ColorSpace=pikepdf.Name.DeviceCMYK, BitsPerComponent=8))
            page.Resources.XObject = pikepdf.Dictionary(ImB=image)
            page.contents_add(pdf.make_stream(
                f"q {placed:.3f} 0 0 {placed:.3f} 300 72 cm /ImB Do Q".encode()), prepend=False)
        pdf.save(path)
    text_only.unlink()


def timed(command: list[str], runs: int) -> float:
    """Median wall time of `command` (output discarded)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb(command: list[str]) -> float:
    """Peak resident memory of `command` and its descendants, in a fresh measuring process."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], "
             "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True,
                         text=True, check=True)
    return int(out.stdout.strip()) / 1024


def engine_seconds(path: Path, runs: int) -> float:
    """Median time of check_pdf in a process that already imported it (the GUI's case)."""
    probe = ("import statistics, sys, time\nfrom app.pdfcheck import check_pdf\n"
             "check_pdf(sys.argv[1])\ntimes = []\n"
             f"for _ in range({runs}):\n"
             "    t = time.perf_counter(); check_pdf(sys.argv[1]); "
             "times.append(time.perf_counter() - t)\n"
             "print(statistics.median(times))")
    out = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True,
                         text=True, check=True)
    return float(out.stdout.strip())


def measure(path: Path, runs: int) -> dict[str, float]:
    """Seconds of each baseline tool, of `pubdesk check` and of check_pdf in a running app."""
    ours_command = [sys.executable, "-m", "app", "check", "--json", str(path)]
    check = subprocess.run(ours_command, capture_output=True, text=True, check=False)
    if '"fonts_embedded": {"status": "pass"' not in check.stdout:
        sys.exit("our check did not run as expected:\n" + check.stdout[:2000] + check.stderr)
    baseline = {
        "pdffonts": ["pdffonts", str(path)],
        "pdfimages -list": ["pdfimages", "-list", str(path)],
        "pdfinfo": ["pdfinfo", str(path)],
        "qpdf --json (outlines)": ["qpdf", "--json", "--json-key=outlines", str(path)],
    }
    times = {name: timed(command, runs) for name, command in baseline.items()}
    times["baseline"] = sum(times.values())
    times["ours"] = timed(ours_command, runs)
    times["rss"] = peak_rss_mb(ours_command)
    times["engine"] = engine_seconds(path, runs)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=320)
    parser.add_argument("--image-mb", type=float, default=3.3)
    parser.add_argument("--many-pages", type=int, default=10_002,
                        help="pages of the second file (small images; 0: leave it out)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", metavar="DIR", help="build the files here and keep them")
    args = parser.parse_args()
    ensure_tools()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pubdesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT),
                                                             os.environ.get("PYTHONPATH")]))
    files = [(folder / "print-body.pdf", args.pages, args.image_mb)]
    if args.many_pages:
        files.append((folder / "many-pages.pdf", args.many_pages, 0.002))
    results = []
    for path, pages, image_mb in files:
        started = time.perf_counter()
        build(path, pages, image_mb)
        size_mb = path.stat().st_size / 1_000_000
        print(f"built {path} ({pages} pages, {size_mb:,.0f} MB) in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
        results.append((f"{pages:,} pages, {size_mb:,.0f} MB", measure(path, args.runs)))
    print()
    print(f"| file | pdffonts | pdfimages -list | pdfinfo | qpdf --json | **baseline** | "
          f"**pubdesk check** | ratio | check_pdf in the app | peak RSS (MB) |  (median of "
          f"{args.runs})")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for label, t in results:
        print(f"| {label} | {t['pdffonts']:.2f} | {t['pdfimages -list']:.2f} | "
              f"{t['pdfinfo']:.2f} | {t['qpdf --json (outlines)']:.2f} | "
              f"**{t['baseline']:.2f}** | **{t['ours']:.2f}** | "
              f"**{t['ours'] / t['baseline']:.2f}** | {t['engine']:.2f} "
              f"({t['engine'] / t['baseline']:.2f}×) | {t['rss']:.0f} |")
    print("\ntargets: ratio ≤ 1.0; peak RSS < 200 MB")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
