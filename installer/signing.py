"""Authenticode signing of the Windows build with osslsigncode (issue 30 item 4), ready for the
certificates agencies really have: a PEM certificate and key, a `.pfx` (PKCS#12, its password
from `PUBDESK_SIGN_PASSWORD`, never on the command line), or a key on a token or HSM through
PKCS#11 (its module and key URI). Every signature is timestamped (RFC 3161) when a timestamp
server is given — without one a signature dies with its certificate — and verified after it is
made (`osslsigncode verify`), so a build never ships a signature that does not check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path


class SigningFailed(RuntimeError):
    """osslsigncode refused to sign, or the signature made does not verify."""


@dataclass(frozen=True)
class Signer:
    """How to sign: exactly one of (certificate + key), pfx, or (pkcs11 module + key URI +
    certificate)."""

    certificate: Path | None = None
    key: str | None = None
    """A PEM key file, or with `pkcs11_module` the key's PKCS#11 URI."""
    pfx: Path | None = None
    pkcs11_module: Path | None = None
    timestamp_url: str | None = None
    description: str = "PubDesk"
    url: str = ""

    def __post_init__(self) -> None:
        kinds = [self.pfx is not None, self.pkcs11_module is not None,
                 self.certificate is not None and self.key is not None
                 and self.pkcs11_module is None]
        if sum(kinds) != 1:
            raise ValueError("give a certificate and key, a .pfx, or a PKCS#11 module, key URI "
                             "and certificate")

    def sign_command(self, source: Path, target: Path, environ: dict[str, str] | None = None,
                     password_file: Path | None = None) -> list[str]:
        """osslsigncode's arguments; a .pfx's password (PUBDESK_SIGN_PASSWORD) goes in through
        `password_file` (`-readpass`), never on the command line where `ps` shows it."""
        env = os.environ if environ is None else environ
        command = ["osslsigncode", "sign", "-h", "sha256", "-n", self.description]
        if self.url:
            command += ["-i", self.url]
        if self.pfx is not None:
            command += ["-pkcs12", str(self.pfx)]
            if env.get("PUBDESK_SIGN_PASSWORD") and password_file is not None:
                command += ["-readpass", str(password_file)]
        elif self.pkcs11_module is not None:
            assert self.certificate is not None
            assert self.key is not None
            command += ["-pkcs11module", str(self.pkcs11_module), "-certs",
                        str(self.certificate), "-key", self.key]
        else:
            command += ["-certs", str(self.certificate), "-key", str(self.key)]
        if self.timestamp_url:
            command += ["-ts", self.timestamp_url]
        return [*command, "-in", str(source), "-out", str(target)]

    def sign(self, path: Path, ca_file: Path | None = None,
             tsa_ca_file: Path | None = None) -> None:
        """Sign `path` in place, then verify it (`ca_file`, `tsa_ca_file`: the roots to
        trust, for a test certificate); raises SigningFailed."""
        if shutil.which("osslsigncode") is None:
            raise SigningFailed("Signing needs osslsigncode (apt-get install osslsigncode).")
        signed = path.with_name(path.name + ".signed")
        with tempfile.TemporaryDirectory() as private:
            secret = Path(private) / "password"
            password = os.environ.get("PUBDESK_SIGN_PASSWORD", "")
            if self.pfx is not None and password:
                secret.touch(mode=0o600)
                secret.write_text(password, encoding="utf-8")
            done = subprocess.run(self.sign_command(path, signed, password_file=secret),
                                  capture_output=True, text=True, check=False)
        if done.returncode != 0 or not signed.exists():
            signed.unlink(missing_ok=True)
            raise SigningFailed(f"osslsigncode could not sign {path.name}: "
                                f"{(done.stderr or done.stdout).strip()[-500:]}")
        signed.replace(path)
        verify(path, ca_file, tsa_ca_file, timestamped=bool(self.timestamp_url))


def verify(path: Path, ca_file: Path | None = None, tsa_ca_file: Path | None = None,
           timestamped: bool = True) -> str:
    """`osslsigncode verify` of a signed file; its report, or SigningFailed."""
    command = ["osslsigncode", "verify", "-in", str(path)]
    if ca_file is not None:
        command += ["-CAfile", str(ca_file)]
    if tsa_ca_file is not None:
        command += ["-TSA-CAfile", str(tsa_ca_file)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    report = done.stdout + done.stderr
    if done.returncode != 0:
        raise SigningFailed(f"the signature of {path.name} does not verify: {report[-800:]}")
    # osslsigncode says "Timestamp Server Signature verification: ok" for a verified RFC 3161
    # countersignature, "Timestamp is not available" for none.
    if timestamped and "Timestamp Server Signature verification: ok" not in report:
        raise SigningFailed(f"{path.name} is signed but not timestamped: {report[-800:]}")
    return report


def write_spec(signer: Signer, path: Path) -> Path:
    """The signer as a JSON file, for makensis's !finalize / !uninstfinalize to call `main`
    with (so the setup and the uninstaller written inside it are signed as they are made)."""
    import json

    path.write_text(json.dumps({k: (str(v) if v is not None else None)
                                for k, v in signer.__dict__.items()}), encoding="utf-8")
    return path


def read_spec(path: Path) -> Signer:
    """The signer `write_spec` wrote."""
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    paths = ("certificate", "pfx", "pkcs11_module")
    return Signer(**{k: (Path(v) if k in paths and v is not None else v)
                     for k, v in data.items()})


def main(argv: list[str]) -> int:
    """`python signing.py SPEC.json FILE [CA TSA-CA]`: sign FILE in place and verify it."""
    spec, target = Path(argv[0]), Path(argv[1])
    roots = [Path(a) for a in argv[2:4]] + [None, None]
    try:
        read_spec(spec).sign(target, roots[0], roots[1])
    except SigningFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
