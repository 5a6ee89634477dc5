"""The local certificate authority and the server certificate it issues for 127.0.0.1, localhost and ::1.

The official client always speaks HTTPS to the control plane and trusts what `SSL_CERT_FILE` names, so AgentRun
Local serves TLS with a certificate from its own CA and exports a bundle of certifi's roots plus that CA.
"""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime, timedelta

import certifi
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from agentrun.local.paths import DataDir, write_private

SERVER_NAMES = ("localhost",)
SERVER_IPS = ("127.0.0.1", "::1")
_CA_YEARS = 10
_SERVER_DAYS = 397  # the longest validity clients accept for a leaf certificate
_RENEW_BEFORE = timedelta(days=30)


_KEY_USES = (
    "digital_signature",
    "content_commitment",
    "key_encipherment",
    "data_encipherment",
    "key_agreement",
    "key_cert_sign",
    "crl_sign",
    "encipher_only",
    "decipher_only",
)


def _key_usage(*allowed: str) -> x509.KeyUsage:
    """A KeyUsage extension that allows only the `allowed` uses (x509.KeyUsage takes every flag by name)."""
    return x509.KeyUsage(**{use: use in allowed for use in _KEY_USES})


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _create_ca(paths: DataDir) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "AgentRun Local"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"AgentRun Local CA ({paths.root.name})"),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * _CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            _key_usage("digital_signature", "key_cert_sign", "crl_sign"),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    write_private(paths.ca_key, _pem_key(key))
    write_private(paths.ca_cert, cert.public_bytes(serialization.Encoding.PEM))


def _create_server_cert(paths: DataDir) -> None:
    ca_cert = x509.load_pem_x509_certificate(paths.ca_cert.read_bytes())
    ca_key = serialization.load_pem_private_key(paths.ca_key.read_bytes(), password=None)
    if not isinstance(ca_key, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{paths.ca_key} is not an EC private key; delete {paths.tls} to recreate the local CA")
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    alt_names: list[x509.GeneralName] = [x509.DNSName(n) for n in SERVER_NAMES]
    alt_names += [x509.IPAddress(ipaddress.ip_address(ip)) for ip in SERVER_IPS]
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "AgentRun Local server")]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(min(now + timedelta(days=_SERVER_DAYS), ca_cert.not_valid_after_utc))
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    write_private(paths.server_key, _pem_key(key))
    write_private(paths.server_cert, cert.public_bytes(serialization.Encoding.PEM))


def _server_cert_usable(paths: DataDir) -> bool:
    """The server certificate exists, is not about to expire and was issued by the current CA."""
    if not (paths.server_cert.exists() and paths.server_key.exists()):
        return False
    cert = x509.load_pem_x509_certificate(paths.server_cert.read_bytes())
    ca_cert = x509.load_pem_x509_certificate(paths.ca_cert.read_bytes())
    if cert.issuer != ca_cert.subject:
        return False
    try:
        cert.verify_directly_issued_by(ca_cert)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return cert.not_valid_after_utc - datetime.now(UTC) > _RENEW_BEFORE


def ensure_certificates(paths: DataDir) -> None:
    """Create the CA on first start, (re)issue the server certificate when missing or near expiry, and rewrite the
    CA bundle (certifi's roots may have been updated since the last start)."""
    paths.create()
    if not (paths.ca_cert.exists() and paths.ca_key.exists()):
        _create_ca(paths)
    if not _server_cert_usable(paths):
        _create_server_cert(paths)
    bundle = certifi.contents().rstrip("\n") + "\n\n# AgentRun Local CA\n" + paths.ca_cert.read_text()
    write_private(paths.ca_bundle, bundle.encode())
    paths.ca_bundle.chmod(0o644)  # public certificates only
    paths.ca_cert.chmod(0o644)
