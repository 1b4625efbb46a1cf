"""Golden values for the CPSC 2018 MAT v5 reader, computed with scipy.io.loadmat.

Usage (from the repo root):
  python3 tools/golden/cpsc2018_golden.py ../shared/data/cpsc2018_sample libs/datasets/testdata/cpsc2018/golden.json
"""
import json
import os
import sys

import numpy as np
import scipy
import scipy.io


def main(src_dir: str, out_path: str) -> None:
    files = {}
    for name in sorted(f for f in os.listdir(src_dir) if f.endswith('.mat')):
        ecg = scipy.io.loadmat(os.path.join(src_dir, name))['ECG'][0, 0]
        data = np.asarray(ecg['data'], dtype=np.float64)
        files[name] = {
            'dims': list(data.shape),
            'sex': str(ecg['sex'][0]),
            'age': float(ecg['age'][0, 0]),
            'first': data[:, :5].tolist(),
            'last': data[:, -1].tolist(),
            'sum': data.sum(axis=1).tolist(),
            'sumAbs': np.abs(data).sum(axis=1).tolist(),
        }
    out = {
        'generator': 'tools/golden/cpsc2018_golden.py',
        'scipy': scipy.__version__,
        'numpy': np.__version__,
        'files': files,
    }
    with open(out_path, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
