#!/usr/bin/env python3
"""Readiness probe for the test Swift: round-trips one object through the S3 API.

usage: s3_probe.py ENDPOINT [WAIT_SECONDS PIDS_FILE]
  (credentials: test:tester / testing, region us-east-1)
With WAIT_SECONDS, retries every 0.1 s until success, the deadline, or one of the processes
listed in PIDS_FILE ("pid name" lines) exiting; one interpreter start instead of one per try.
Signs with SigV4 using only the standard library, independently of strata's own signer, so
a start that succeeds proves the server (not our client) is ready. Exit 0 on success.
"""
import datetime
import hashlib
import hmac
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

ACCESS, SECRET, REGION = "test:tester", "testing", "us-east-1"


def _hmac(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def request(endpoint, method, path, body=b""):
    url = urllib.parse.urlsplit(endpoint)
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    payload_hash = hashlib.sha256(body).hexdigest()
    headers = {"host": url.netloc, "x-amz-content-sha256": payload_hash, "x-amz-date": amz_date}
    signed = ";".join(sorted(headers))
    canonical = "\n".join([method, path, "", *(f"{k}:{headers[k]}" for k in sorted(headers)), "",
                           signed, payload_hash])
    scope = f"{day}/{REGION}/s3/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                         hashlib.sha256(canonical.encode()).hexdigest()])
    key = _hmac(_hmac(_hmac(_hmac(("AWS4" + SECRET).encode(), day), REGION), "s3"), "aws4_request")
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = (f"AWS4-HMAC-SHA256 Credential={ACCESS}/{scope}, "
                                f"SignedHeaders={signed}, Signature={signature}")
    del headers["host"]
    req = urllib.request.Request(endpoint + path, data=body if method == "PUT" else None,
                                 headers=headers, method=method)
    with urllib.request.urlopen(req, timeout=5) as response:
        return response.read()


def round_trip(endpoint):
    request(endpoint, "PUT", "/strata-probe")
    request(endpoint, "PUT", "/strata-probe/ready", b"ok")
    got = request(endpoint, "GET", "/strata-probe/ready")
    request(endpoint, "DELETE", "/strata-probe/ready")
    request(endpoint, "DELETE", "/strata-probe")
    return 0 if got == b"ok" else 1


def dead_process(pids_file):
    with open(pids_file) as f:
        for line in f:
            pid, name = line.split()
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                return f"{name} (pid {pid})"
    return None


def main():
    endpoint = sys.argv[1]
    wait = float(sys.argv[2]) if len(sys.argv) > 2 else 0
    deadline = time.monotonic() + wait
    while True:
        try:
            return round_trip(endpoint)
        except (urllib.error.URLError, OSError) as e:
            last = e
        if len(sys.argv) > 3 and (dead := dead_process(sys.argv[3])):
            print(f"s3_probe: {dead} exited", file=sys.stderr)
            return 1
        if time.monotonic() >= deadline:
            print(f"s3_probe: {endpoint}: {last}", file=sys.stderr)
            return 1
        time.sleep(0.1)


if __name__ == "__main__":
    sys.exit(main())
