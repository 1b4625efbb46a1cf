#!/usr/bin/env python3
"""Golden values for the WFDB reader, decoded with plain numpy straight from the bytes
(independent of the TypeScript code): digital sums, first samples, physical means.
    python3 tools/golden/wfdb_samples.py ../shared/data > libs/datasets/testdata/wfdb/golden.json
"""
import json
import sys
from pathlib import Path

import numpy as np

root = Path(sys.argv[1] if len(sys.argv) > 1 else '../shared/data')


def header(path):
    lines = [l for l in path.read_text(encoding='latin1').splitlines() if l.strip() and not l.startswith('#')]
    rec = lines[0].split()
    sigs = []
    for l in lines[1:]:
        f = l.split()
        fmt = f[1].split('+')[0].split('x')[0]
        off = int(f[1].split('+')[1]) if '+' in f[1] else 0
        g = f[2].split('/')[0]
        gain = float(g.split('(')[0])
        base = int(g.split('(')[1].rstrip(')')) if '(' in g else int(f[4])
        sigs.append(dict(file=f[0], fmt=int(fmt), off=off, gain=gain, base=base, name=f[-1]))
    return int(rec[1]), int(rec[3]), sigs


def decode(path, fmt, off, nsig, nsamp):
    raw = np.fromfile(path, dtype=np.uint8)[off:]
    if fmt == 16:
        return raw[: 2 * nsig * nsamp].view('<i2').astype(np.int64).reshape(nsamp, nsig)
    if fmt == 212:
        b = raw[: (nsig * nsamp * 3) // 2].astype(np.int64).reshape(-1, 3)
        s0 = b[:, 0] | ((b[:, 1] & 0x0F) << 8)
        s1 = b[:, 2] | ((b[:, 1] & 0xF0) << 4)
        x = np.empty(2 * len(b), dtype=np.int64)
        x[0::2], x[1::2] = s0, s1
        x[x > 2047] -= 4096
        return x[: nsig * nsamp].reshape(nsamp, nsig)
    raise SystemExit(f'format {fmt} not in this script')


out = {}
for rel in ['mitdb/100', 'mitdb/208', 'mitdb/232', 'cinc2017/A00001', 'cinc2017/A00013',
            'cinc2021_sample/E07500', 'cinc2021_sample/JS20000',
            'ptbxl_subset/physionet_original/records100/00000/00001_lr']:
    p = root / rel
    nsig, nsamp, sigs = header(p.with_suffix('.hea'))
    d = decode(p.parent / sigs[0]['file'], sigs[0]['fmt'], sigs[0]['off'], nsig, nsamp)
    out[rel] = dict(
        nSamples=nsamp,
        signals=[dict(
            name=s['name'],
            digitalSum=int(d[:, i].sum()),
            first=[float((v - s['base']) / s['gain']) for v in d[:8, i]],
            last=[float((v - s['base']) / s['gain']) for v in d[-4:, i]],
            physicalMean=float(((d[:, i] - s['base']) / s['gain']).mean()),
        ) for i, s in enumerate(sigs)],
    )
json.dump({'generator': 'tools/golden/wfdb_samples.py', 'numpy': np.__version__, 'records': out}, sys.stdout, indent=1)
