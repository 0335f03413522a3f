"""Signing ready for real certificates (issue 30 item 4): a setup signed with a test code-signing
certificate — PEM, then a .pfx — is timestamped by a local RFC 3161 responder the test starts
(openssl ts behind a small HTTP server) and verified by osslsigncode; a signature without its
timestamp, or one that does not verify, fails the build."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "installer"))

import signing

pytestmark = pytest.mark.skipif(
    shutil.which("osslsigncode") is None or shutil.which("makensis") is None,
    reason="osslsigncode and NSIS are installed by installer/build.py windows")
INSTALLER = Path(__file__).resolve().parents[2] / "installer"

TSA_CONFIG = """
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = {folder}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


def _openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("keys")
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
             "-subj", "/CN=PubDesk Test Signing", "-addext", "extendedKeyUsage=codeSigning",
             "-keyout", str(folder / "sign.key"), "-out", str(folder / "sign.crt"))
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
             "-subj", "/CN=PubDesk Test TSA", "-addext",
             "extendedKeyUsage=critical,timeStamping",
             "-keyout", str(folder / "tsa.key"), "-out", str(folder / "tsa.crt"))
    _openssl("pkcs12", "-export", "-inkey", str(folder / "sign.key"), "-in",
             str(folder / "sign.crt"), "-out", str(folder / "sign.pfx"), "-passout",
             "pass:token-pin")
    (folder / "serial").write_text("01\n")
    (folder / "tsa.cnf").write_text(TSA_CONFIG.format(folder=folder))
    return folder


@pytest.fixture(scope="module")
def responder(keys: Path) -> Iterator[str]:
    """An RFC 3161 timestamp server on 127.0.0.1 (openssl ts -reply behind HTTP)."""
    answered: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            query = keys / f"q{len(answered)}.tsq"
            query.write_bytes(self.rfile.read(int(self.headers["Content-Length"])))
            reply = query.with_suffix(".tsr")
            subprocess.run(["openssl", "ts", "-reply", "-config", str(keys / "tsa.cnf"),
                            "-queryfile", str(query), "-out", str(reply)], check=True,
                           capture_output=True)
            body = reply.read_bytes()
            answered.append(len(body))
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _setup(tmp_path: Path) -> Path:
    bundle = tmp_path / "PubDesk"
    (bundle / "_internal").mkdir(parents=True)
    for name in ("PubDesk.exe", "pubdesk-cli.exe", "_internal/python311.dll"):
        (bundle / name).write_bytes(b"MZ")
    setup = tmp_path / "setup.exe"
    subprocess.run(["makensis", "-V1", "-INPUTCHARSET", "UTF8", "-DVERSION=0.1.0",
                    "-DVERSION4=0.1.0.0", f"-DSOURCE={bundle}",
                    f"-DSOURCE_ICON={INSTALLER / 'pubdesk.ico'}", f"-DOUTFILE={setup}",
                    str(INSTALLER / "pubdesk.nsi")], check=True, capture_output=True)
    return setup


def test_a_pem_signature_is_timestamped_and_verified(tmp_path: Path, keys: Path,
                                                     responder: str) -> None:
    setup = _setup(tmp_path)
    signer = signing.Signer(certificate=keys / "sign.crt", key=str(keys / "sign.key"),
                            timestamp_url=responder)
    signer.sign(setup, ca_file=keys / "sign.crt", tsa_ca_file=keys / "tsa.crt")
    report = signing.verify(setup, keys / "sign.crt", keys / "tsa.crt")
    assert "PubDesk Test TSA" in report  # the responder's countersignature is in the file


def test_a_pfx_signature_reads_its_password_from_the_environment(
        tmp_path: Path, keys: Path, responder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    setup = _setup(tmp_path)
    signer = signing.Signer(pfx=keys / "sign.pfx", timestamp_url=responder)
    with pytest.raises(signing.SigningFailed):  # no password: osslsigncode cannot open it
        signer.sign(setup, ca_file=keys / "sign.crt", tsa_ca_file=keys / "tsa.crt")
    monkeypatch.setenv("PUBDESK_SIGN_PASSWORD", "token-pin")
    signer.sign(setup, ca_file=keys / "sign.crt", tsa_ca_file=keys / "tsa.crt")


def test_an_untimestamped_signature_does_not_pass_for_timestamped(tmp_path: Path,
                                                                  keys: Path) -> None:
    setup = _setup(tmp_path)
    signing.Signer(certificate=keys / "sign.crt", key=str(keys / "sign.key")).sign(
        setup, ca_file=keys / "sign.crt")
    with pytest.raises(signing.SigningFailed, match="not timestamped"):
        signing.verify(setup, keys / "sign.crt", timestamped=True)


def test_the_pkcs11_command_names_module_key_and_certificate() -> None:
    signer = signing.Signer(certificate=Path("agency.crt"), key="pkcs11:token=MOEA;object=sign",
                            pkcs11_module=Path("/usr/lib/opensc-pkcs11.so"),
                            timestamp_url="http://timestamp.example/")
    command = signer.sign_command(Path("a.exe"), Path("b.exe"), environ={})
    assert command[command.index("-pkcs11module") + 1] == "/usr/lib/opensc-pkcs11.so"
    assert command[command.index("-key") + 1] == "pkcs11:token=MOEA;object=sign"
    assert command[command.index("-ts") + 1] == "http://timestamp.example/"
    with pytest.raises(ValueError, match="PKCS#11"):
        signing.Signer(pfx=Path("a.pfx"), certificate=Path("c"), key="k",
                       pkcs11_module=Path("m"))


def test_makensis_signs_the_uninstaller_and_the_setup_as_it_makes_them(
        tmp_path: Path, keys: Path, responder: str) -> None:
    """The uninstaller written inside the setup was never signed: !uninstfinalize signs it
    when makensis writes it, !finalize the setup — each timestamped and verified."""
    signer = signing.Signer(certificate=keys / "sign.crt", key=str(keys / "sign.key"),
                            timestamp_url=responder)
    spec = signing.write_spec(signer, tmp_path / "signer.json")
    assert signing.read_spec(spec) == signer
    log = tmp_path / "signed.log"
    wrapper = tmp_path / "sign.sh"
    wrapper.write_text(f'#!/bin/sh\necho "$1" >> "{log}"\nexec "{sys.executable}" '
                       f'"{INSTALLER / "signing.py"}" "{spec}" "$1" "{keys / "sign.crt"}" '
                       f'"{keys / "tsa.crt"}"\n')
    wrapper.chmod(0o755)
    bundle = tmp_path / "PubDesk"
    (bundle / "_internal").mkdir(parents=True)
    for name in ("PubDesk.exe", "pubdesk-cli.exe", "_internal/python311.dll"):
        (bundle / name).write_bytes(b"MZ")
    setup = tmp_path / "setup.exe"
    done = subprocess.run(["makensis", "-V2", "-INPUTCHARSET", "UTF8", "-DVERSION=0.1.0",
                           "-DVERSION4=0.1.0.0", f"-DSOURCE={bundle}",
                           f"-DSOURCE_ICON={INSTALLER / 'pubdesk.ico'}", f"-DOUTFILE={setup}",
                           f"-DSIGN_COMMAND={wrapper}", str(INSTALLER / "pubdesk.nsi")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-2000:]
    signed = log.read_text().splitlines()
    assert len(signed) == 2  # the uninstaller, then the setup
    assert Path(signed[1]).resolve() == setup.resolve()
    signing.verify(setup, keys / "sign.crt", keys / "tsa.crt")


def test_a_signing_that_fails_fails_the_build(tmp_path: Path) -> None:
    """Review finding: makensis ignored the exit code of !finalize without "= 0"."""
    wrapper = tmp_path / "fail.sh"
    wrapper.write_text("#!/bin/sh\nexit 1\n")
    wrapper.chmod(0o755)
    bundle = tmp_path / "PubDesk"
    (bundle / "_internal").mkdir(parents=True)
    for name in ("PubDesk.exe", "pubdesk-cli.exe", "_internal/python311.dll"):
        (bundle / name).write_bytes(b"MZ")
    done = subprocess.run(["makensis", "-V2", "-INPUTCHARSET", "UTF8", "-DVERSION=0.1.0",
                           "-DVERSION4=0.1.0.0", f"-DSOURCE={bundle}",
                           f"-DSOURCE_ICON={INSTALLER / 'pubdesk.ico'}",
                           f"-DOUTFILE={tmp_path / 'setup.exe'}", f"-DSIGN_COMMAND={wrapper}",
                           str(INSTALLER / "pubdesk.nsi")], capture_output=True, text=True,
                          check=False)
    assert done.returncode != 0
