# An ordinary Python workload for bench/mixes/record.sh: imports, files, JSON, hashing,
# threads, a child process.
import json, hashlib, os, re, tempfile, threading, subprocess, zlib, glob
data = []
for path in sorted(glob.glob('/usr/share/doc/*/copyright'))[:300]:
    with open(path, 'rb') as f:
        text = f.read()
    data.append({'path': path, 'sha': hashlib.sha256(text).hexdigest(), 'words': len(re.findall(rb'\w+', text))})
with tempfile.TemporaryDirectory() as d:
    for i in range(200):
        p = os.path.join(d, f'{i}.json')
        with open(p, 'w') as f:
            json.dump(data[i % len(data)], f)
        os.stat(p)
    blob = zlib.compress(json.dumps(data).encode())
def worker(n):
    h = hashlib.md5()
    for i in range(2000):
        h.update(str(i * n).encode())
threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
[t.start() for t in threads]; [t.join() for t in threads]
subprocess.run(['true'], check=True)
print(len(data), len(blob))
