namespace Workshops.Testing;

/// <summary>A certificate issued by a <see cref="TestCertificateAuthority"/>: PEM files and its SHA-256 thumbprint.</summary>
public sealed record TestCertificate(string CertificatePath, string KeyPath, string Thumbprint);
