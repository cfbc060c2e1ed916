"""Builds the labelled development set of real book photos (issue 11) from book-photos.tsv beside this script.

Each photo is fetched from the public archive the listing names (a Debian package or source tarball from
deb.debian.org, or a PyPI sdist), checked against the archive's and the photo's SHA-256, and written to SET_FOLDER
with its truth and scene, the layout compare_refinement.py and compare_outline.py read:
    NAME.jpg / NAME.png   the photo, byte for byte as the archive holds it
    NAME.alpha.png        the truth: 255 inside the union of the book polygons annotated by hand, 0 elsewhere,
                          turned upright as the photo's EXIF orientation says (the polygons are in the pixels
                          the file stores; bookplate and rembg both turn photos upright)
    NAME.json             {"books": n, "scene": "...", "defocused": false}

Usage: book_photo_set.py CACHE_FOLDER SET_FOLDER
Archives are kept in CACHE_FOLDER, so a second run fetches nothing.
"""
import csv
import hashlib
import io
import json
import pathlib
import subprocess
import sys
import tarfile
import urllib.request

from PIL import Image, ImageDraw, ImageOps

LISTING = pathlib.Path(__file__).with_name("book-photos.tsv")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def archive(url, digest, cache):
    """The archive's bytes, fetched once into `cache` and checked against its listed SHA-256."""
    path = cache / url.rsplit("/", 1)[1]
    if not path.exists() or sha256(path.read_bytes()) != digest:
        print(f"fetching {url}", file=sys.stderr)
        with urllib.request.urlopen(url, timeout=300) as response:
            data = response.read()
        if sha256(data) != digest:
            sys.exit(f"{url}: SHA-256 {sha256(data)} is not the listed {digest}")
        path.write_bytes(data)
    return path


def members(path, names):
    """The named files of a .deb (its data tarball, read with dpkg-deb) or of a .tar.gz, in one pass over it."""
    if path.suffix == ".deb":
        tarball = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(path)], check=True, capture_output=True).stdout
        opened = tarfile.open(fileobj=io.BytesIO(tarball))
    else:
        opened = tarfile.open(path)
    with opened:
        return {name: opened.extractfile(name).read() for name in names}


def polygons(text):
    """The listing's polygons: `x,y x,y ... ; x,y ...`, in the photo's pixels."""
    return [[tuple(float(value) for value in point.split(",")) for point in polygon.split()]
            for polygon in text.split(";")]


def truth(photo, shapes):
    """The union of the polygons as an 8-bit mask of the photo's size, turned as the photo's EXIF orientation says."""
    mask = Image.new("L", photo.size, 0)
    draw = ImageDraw.Draw(mask)
    for shape in shapes:
        draw.polygon(shape, fill=255)
    mask.getexif()[ImageOps.ExifTags.Base.Orientation] = photo.getexif().get(ImageOps.ExifTags.Base.Orientation, 1)
    return ImageOps.exif_transpose(mask)


def main():
    cache, folder = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    cache.mkdir(parents=True, exist_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    rows = list(csv.DictReader(LISTING.open(newline=""), delimiter="\t"))
    files = {}
    for url in dict.fromkeys(row["archive"] for row in rows):
        sources = [row for row in rows if row["archive"] == url]
        path = archive(url, sources[0]["archive_sha256"], cache)
        files.update({(url, name): data for name, data in members(path, [row["member"] for row in sources]).items()})
    for row in rows:
        data = files[(row["archive"], row["member"])]
        if sha256(data) != row["sha256"]:
            sys.exit(f"{row['name']}: SHA-256 {sha256(data)} is not the listed {row['sha256']}")
        (folder / row["name"]).write_bytes(data)
        stem = pathlib.Path(row["name"]).stem
        truth(Image.open(io.BytesIO(data)), polygons(row["polygons"])).save(folder / f"{stem}.alpha.png")
        scene = {"books": int(row["books"]), "scene": row["scene"], "defocused": False}
        (folder / f"{stem}.json").write_text(json.dumps(scene))
    print(f"{len(rows)} photos in {folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
