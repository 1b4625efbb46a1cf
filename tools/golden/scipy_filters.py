#!/usr/bin/env python3
"""Golden vectors for libs/signal filters and resampling, computed with scipy.signal.

Usage (from the repo root):
  python3 tools/golden/scipy_filters.py ../shared/data libs/signal/testdata/scipy

Writes two files into the output folder:
  manifest.json  coefficients (butter SOS / ba, iirnotch, zi) as JSON numbers (repr, 17 digits),
                 and one entry per signal case naming its input/output arrays in vectors.f64
  vectors.f64    every signal array concatenated as little-endian float64 (compact: ~8 bytes/sample)

Inputs are deterministic: 10 s of MIT-BIH record 100 lead MLII (decoded here from the format-212
bytes with plain numpy, rounded to float32 like the TypeScript WFDB reader does) for the ECG
cases, and a seeded numpy Generator for the synthetic DSP-math cases.
"""
import json
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy import signal

SEED = 20251125


def read_mitdb_mlii(data_root: Path, record: str, n: int) -> np.ndarray:
    """First n samples of channel 0 (MLII) of a 2-signal format-212 MIT-BIH record, in mV as float32."""
    hea = (data_root / 'mitdb' / f'{record}.hea').read_text().splitlines()
    f = hea[1].split()
    gain = float(f[2].split('(')[0])
    baseline = int(f[4])  # adc zero: MIT-BIH headers give no (baseline) so it equals adczero
    raw = np.fromfile(data_root / 'mitdb' / f'{record}.dat', dtype=np.uint8)[: 3 * n].astype(np.int64).reshape(-1, 3)
    s0 = raw[:, 0] | ((raw[:, 1] & 0x0F) << 8)
    s0 = np.where(s0 > 2047, s0 - 4096, s0)
    phys = ((s0 - baseline) / gain).astype(np.float32)
    return phys.astype(np.float64)


class Vectors:
    """Collects float64 arrays into one binary blob; returns {offset, length} references."""

    def __init__(self):
        self.parts = []
        self.offset = 0

    def add(self, a) -> dict:
        a = np.ascontiguousarray(np.asarray(a, dtype='<f8').ravel())
        ref = {'offset': self.offset, 'length': int(a.size)}
        self.parts.append(a)
        self.offset += a.size
        return ref

    def blob(self) -> bytes:
        return np.concatenate(self.parts).tobytes() if self.parts else b''


def lst(a):
    return np.asarray(a, dtype=np.float64).tolist()


def main(data_root: Path, out_dir: Path) -> None:
    rng = np.random.default_rng(SEED)
    vec = Vectors()
    cases = []

    ecg = read_mitdb_mlii(data_root, '100', 3600)  # 10 s at 360 Hz
    t = np.arange(1000) / 500.0
    synth = (np.sin(2 * np.pi * 1.3 * t) + 0.5 * np.sin(2 * np.pi * 17 * t) + 0.2 * np.sin(2 * np.pi * 60 * t)
             + 0.1 * rng.standard_normal(t.size))
    short7 = rng.standard_normal(7)
    short10 = rng.standard_normal(10)
    inputs = {
        'ecg100': {'ref': vec.add(ecg), 'fs': 360, 'source': 'MIT-BIH 100 MLII samples 0..3599 (mV, float32-rounded)'},
        'synth500': {'ref': vec.add(synth), 'fs': 500, 'source': f'seeded synthetic (numpy default_rng({SEED}))'},
        'short7': {'ref': vec.add(short7), 'fs': None, 'source': 'seeded standard normal'},
        'short10': {'ref': vec.add(short10), 'fs': None, 'source': 'seeded standard normal'},
    }
    x_of = {'ecg100': ecg, 'synth500': synth, 'short7': short7, 'short10': short10}

    # --- butter SOS: orders 1-8 x btypes x cut-offs x fs ---
    butter = []
    cutoffs = {
        'lowpass': [0.05, 0.25, 0.45],  # fractions of fs/2 ... converted per fs below
        'highpass': [0.002, 0.05, 0.3],
        'bandpass': [(0.002, 0.2), (0.1, 0.3), (0.4, 0.8)],
        'bandstop': [(0.05, 0.15), (0.25, 0.35), (0.01, 0.9)],
    }
    for fs in (250, 360, 500):
        for btype, fracs in cutoffs.items():
            for frac in fracs:
                cutoff = [round(f * fs / 2, 3) for f in frac] if isinstance(frac, tuple) else round(frac * fs / 2, 3)
                for order in range(1, 9):
                    sos = signal.butter(order, cutoff, btype=btype, output='sos', fs=fs)
                    butter.append({'order': order, 'btype': btype, 'cutoff': cutoff, 'fs': fs, 'sos': lst(sos)})
    # the ECG defaults used by cleanEcg and the bench
    for order in (2, 4):
        sos = signal.butter(order, [0.5, 40], btype='bandpass', output='sos', fs=360)
        butter.append({'order': order, 'btype': 'bandpass', 'cutoff': [0.5, 40], 'fs': 360, 'sos': lst(sos)})

    butter_ba = []
    for order, btype, cutoff, fs in [(1, 'lowpass', 40, 360), (4, 'lowpass', 40, 360), (2, 'highpass', 0.5, 360),
                                     (2, 'bandpass', [0.5, 40], 360), (3, 'bandstop', [45, 55], 500)]:
        b, a = signal.butter(order, cutoff, btype=btype, output='ba', fs=fs)
        butter_ba.append({'order': order, 'btype': btype, 'cutoff': cutoff, 'fs': fs, 'b': lst(b), 'a': lst(a)})

    notch = []
    for w0, q, fs in [(50, 30, 500), (60, 30, 360), (60, 10, 360), (50, 35, 250), (0.5, 1, 360)]:
        b, a = signal.iirnotch(w0, q, fs=fs)
        notch.append({'w0': w0, 'Q': q, 'fs': fs, 'b': lst(b), 'a': lst(a)})

    zi_cases = []
    for entry in butter_ba:
        zi_cases.append({'kind': 'lfilter_zi', 'b': entry['b'], 'a': entry['a'], 'zi': lst(signal.lfilter_zi(entry['b'], entry['a']))})
    for order, btype, cutoff, fs in [(4, 'bandpass', [0.5, 40], 360), (3, 'lowpass', 40, 360), (5, 'bandstop', [45, 55], 500)]:
        sos = signal.butter(order, cutoff, btype=btype, output='sos', fs=fs)
        zi_cases.append({'kind': 'sosfilt_zi', 'sos': lst(sos), 'zi': lst(signal.sosfilt_zi(sos))})

    def case(kind, inp, params, **outputs):
        cases.append({'kind': kind, 'input': inp, 'params': params, 'outputs': {k: vec.add(v) for k, v in outputs.items()}})

    # --- sosfilt / sosfiltfilt ---
    sos_specs = [
        ('ecg100', 4, 'bandpass', [0.5, 40], 360),
        ('ecg100', 2, 'highpass', 0.5, 360),
        ('ecg100', 8, 'lowpass', 40, 360),
        ('ecg100', 3, 'bandstop', [45, 55], 360),
        ('synth500', 5, 'bandpass', [5, 30], 500),
        ('synth500', 1, 'lowpass', 10, 500),
    ]
    for i, (inp, order, btype, cutoff, fs) in enumerate(sos_specs):
        x = x_of[inp]
        sos = signal.butter(order, cutoff, btype=btype, output='sos', fs=fs)
        p = {'order': order, 'btype': btype, 'cutoff': cutoff, 'fs': fs, 'sos': lst(sos)}
        case('sosfilt', inp, p, y=signal.sosfilt(sos, x))
        if i in (0, 4):  # explicit initial state: one ECG and one synthetic case keep the fixture small
            zi = signal.sosfilt_zi(sos) * x[0]
            y, zf = signal.sosfilt(sos, x, zi=zi)
            case('sosfilt_zi_x0', inp, p, y=y, zf=zf)
        case('sosfiltfilt', inp, p, y=signal.sosfiltfilt(sos, x))
    sos = signal.butter(4, [0.5, 40], btype='bandpass', output='sos', fs=360)
    base = {'order': 4, 'btype': 'bandpass', 'cutoff': [0.5, 40], 'fs': 360, 'sos': lst(sos)}
    for padtype, padlen in [('odd', 100), ('even', None), ('constant', 50), (None, None)]:
        case('sosfiltfilt', 'ecg100', {**base, 'padtype': padtype, 'padlen': padlen},
             y=signal.sosfiltfilt(sos, x_of['ecg100'], padtype=padtype, padlen=padlen))

    # --- lfilter / filtfilt ---
    for entry in butter_ba:
        inp = 'ecg100' if entry['fs'] == 360 else 'synth500'
        x = x_of[inp]
        b, a = np.array(entry['b']), np.array(entry['a'])
        case('lfilter', inp, {'b': entry['b'], 'a': entry['a']}, y=signal.lfilter(b, a, x))
        case('filtfilt', inp, {'b': entry['b'], 'a': entry['a']}, y=signal.filtfilt(b, a, x))
    for entry in notch:
        inp = 'ecg100' if entry['fs'] == 360 else 'synth500'
        case('filtfilt', inp, {'b': entry['b'], 'a': entry['a'], 'notch': [entry['w0'], entry['Q'], entry['fs']]},
             y=signal.filtfilt(entry['b'], entry['a'], x_of[inp]))
    b, a = butter_ba[1]['b'], butter_ba[1]['a']
    zi = signal.lfilter_zi(b, a) * ecg[0]
    y, zf = signal.lfilter(b, a, ecg, zi=zi)
    case('lfilter_zi_x0', 'ecg100', {'b': b, 'a': a}, y=y, zf=zf)
    # unnormalised a[0] != 1 and len(b) != len(a)
    b2, a2 = [0.5, 0.25], [2.0, -0.5, 0.1]
    case('lfilter', 'synth500', {'b': b2, 'a': a2}, y=signal.lfilter(b2, a2, synth))
    case('filtfilt', 'synth500', {'b': b2, 'a': a2}, y=signal.filtfilt(b2, a2, synth))

    # --- resample_poly (defaults: window=('kaiser', 5.0), padtype='constant') ---
    for inp, up, down in [('ecg100', 250, 360), ('ecg100', 1, 3), ('ecg100', 3, 1), ('ecg100', 500, 360),
                          ('synth500', 100, 500), ('synth500', 250, 300), ('synth500', 360, 500),
                          ('synth500', 3, 1), ('synth500', 2, 2),
                          ('short7', 250, 360), ('short7', 3, 1), ('short7', 1, 5), ('short10', 5, 6)]:
        case('resample_poly', inp, {'up': up, 'down': down}, y=signal.resample_poly(x_of[inp], up, down))
    # 300 -> 250 on a real ECG-length signal too (CinC 2017 rate to 250 Hz)
    case('resample_poly', 'ecg100', {'up': 250, 'down': 300}, y=signal.resample_poly(ecg, 250, 300))
    for numtaps, cutoff in [(61, 1 / 3), (201, 1 / 10), (721, 1 / 36)]:
        case('firwin_kaiser5', 'none', {'numtaps': numtaps, 'cutoff': cutoff},
             h=signal.firwin(numtaps, cutoff, window=('kaiser', 5.0)))

    # --- medfilt (zero-padded edges) and the two-stage median baseline ---
    for k in (1, 3, 73, 217, 361):
        case('medfilt', 'ecg100', {'kernelSize': k}, y=signal.medfilt(ecg, k))
    for k in (3, 15, 21):
        case('medfilt', 'short10', {'kernelSize': k}, y=signal.medfilt(short10, k))
    k1, k2 = 73, 217  # 200 ms and 600 ms at 360 Hz, rounded to odd sample counts
    baseline = signal.medfilt(signal.medfilt(ecg, k1), k2)
    case('remove_baseline_median', 'ecg100', {'fs': 360, 'firstMs': 200, 'secondMs': 600, 'kernels': [k1, k2]},
         y=ecg - baseline)

    # --- normalisation (scipy.stats.zscore, ddof=0) ---
    from scipy import stats
    case('zscore', 'ecg100', {}, y=stats.zscore(ecg))
    case('minmax', 'ecg100', {}, y=(ecg - ecg.min()) / (ecg.max() - ecg.min()))

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / 'vectors.f64').write_bytes(vec.blob())
    manifest = {
        'generator': 'tools/golden/scipy_filters.py',
        'scipy': scipy.__version__,
        'numpy': np.__version__,
        'seed': SEED,
        'vectors': {'file': 'vectors.f64', 'dtype': 'float64 little-endian', 'count': vec.offset},
        'inputs': inputs,
        'butter': butter,
        'butterBa': butter_ba,
        'iirnotch': notch,
        'zi': zi_cases,
        'cases': cases,
    }
    (out_dir / 'manifest.json').write_text(json.dumps(manifest, separators=(',', ':')) + '\n')


if __name__ == '__main__':
    main(Path(sys.argv[1] if len(sys.argv) > 1 else '../shared/data'),
         Path(sys.argv[2] if len(sys.argv) > 2 else 'libs/signal/testdata/scipy'))
