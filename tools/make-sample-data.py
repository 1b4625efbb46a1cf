#!/usr/bin/env python3
"""Write sample-data/: the small real sample bundled with the repository.

It copies a deterministic selection of unmodified files from a data root laid out like
../shared/data (the PhysioNet files; see each set's PROVENANCE.md there) so that
`npm start` runs on a fresh clone with no download. Re-run:
    python3 tools/make-sample-data.py ../shared/data
Selection:
  mitdb:           records 100 and 200 (both in DS2 of the inter-patient split; N, A and V beats)
  cinc2017:        the first 6 records of each class N/A/O/~ by name (24 records)
  ptbxl_subset:    the first 30 records of strat_fold 10 (test) and 10 of fold 9 (validation)
  cinc2021_sample: 2 records from each source (Georgia E, PTB-XL HR, Ningbo JS)
"""
import csv
import hashlib
import shutil
import sys
from pathlib import Path

src = Path(sys.argv[1] if len(sys.argv) > 1 else '../shared/data').resolve()
dst = Path(__file__).resolve().parent.parent / 'sample-data'
copied = []


def copy(rel: str) -> None:
    out = dst / rel
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src / rel, out)
    copied.append(rel)


def write_lines(rel: str, lines) -> None:
    out = dst / rel
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(''.join(lines).encode())
    copied.append(rel)


if dst.exists():
    for child in dst.iterdir():
        if child.name not in ('README.md', 'LICENSES.md'):
            shutil.rmtree(child) if child.is_dir() else child.unlink()

# MIT-BIH
mitdb = ['100', '200']
for r in mitdb:
    for ext in ('hea', 'dat', 'atr'):
        copy(f'mitdb/{r}.{ext}')
write_lines('mitdb/RECORDS', [f'{r}\n' for r in mitdb])
sums = [l for l in (src / 'mitdb/SHA256SUMS.txt').read_text().splitlines(keepends=True)
        if l.split()[-1].split('.')[0] in mitdb]
write_lines('mitdb/SHA256SUMS.txt', sums)

# CinC 2017
ref_lines = (src / 'cinc2017/REFERENCE.csv').read_bytes().decode().splitlines(keepends=True)
by_class = {}
for line in ref_lines:
    name, label = line.strip().split(',')
    by_class.setdefault(label, []).append((name, line))
chosen = []
for label in ('N', 'A', 'O', '~'):
    chosen += sorted(by_class[label])[:6]
chosen.sort()
for name, _ in chosen:
    copy(f'cinc2017/{name}.hea')
    copy(f'cinc2017/{name}.mat')
write_lines('cinc2017/REFERENCE.csv', [line for _, line in chosen])
write_lines('cinc2017/RECORDS', [f'{name}\n' for name, _ in chosen])

# PTB-XL subset
with open(src / 'ptbxl_subset/index.csv', newline='') as f:
    reader = csv.DictReader(f)
    fields = reader.fieldnames
    rows = list(reader)
pick = [r for r in rows if r['strat_fold'] == '10'][:30] + [r for r in rows if r['strat_fold'] == '9'][:10]
pick.sort(key=lambda r: int(r['ecg_id']))
ids = {r['ecg_id'] for r in pick}
for r in pick:
    for key in ('record_challenge2024', 'record_physionet_original'):
        if r[key] and (src / 'ptbxl_subset' / (r[key] + '.hea')).exists():
            copy(f'ptbxl_subset/{r[key]}.hea')
            copy(f'ptbxl_subset/{r[key]}.dat')
            break
out = dst / 'ptbxl_subset/index.csv'
with open(out, 'w', newline='') as f:
    w = csv.DictWriter(f, fieldnames=fields, lineterminator='\n')
    w.writeheader()
    for r in pick:
        # only the copy that was bundled is listed
        bundled = [k for k in ('record_challenge2024', 'record_physionet_original')
                   if r[k] and (dst / 'ptbxl_subset' / (r[k] + '.hea')).exists()]
        for k in ('record_challenge2024', 'record_physionet_original'):
            if k not in bundled:
                r[k] = ''
        w.writerow(r)
copied.append('ptbxl_subset/index.csv')
for meta in ('physionet_original/ptbxl_database.csv',):
    lines = (src / 'ptbxl_subset' / meta).read_bytes().decode().splitlines(keepends=True)
    head, body = lines[0], lines[1:]
    write_lines(f'ptbxl_subset/{meta}', [head] + [l for l in body if l.split(',')[0] in ids])
copy('ptbxl_subset/physionet_original/scp_statements.csv')
copy('ptbxl_subset/physionet_original/LICENSE.txt')

# CinC 2021 sample
for name in ('E07500', 'E07501', 'HR06000', 'HR06001', 'JS20000', 'JS20001'):
    copy(f'cinc2021_sample/{name}.hea')
    copy(f'cinc2021_sample/{name}.mat')

with open(dst / 'SHA256SUMS.txt', 'w') as f:
    for rel in sorted(copied):
        f.write(f'{hashlib.sha256((dst / rel).read_bytes()).hexdigest()}  {rel}\n')
total = sum((dst / rel).stat().st_size for rel in copied)
print(f'wrote {len(copied)} files, {total / 1e6:.2f} MB, to {dst}')
