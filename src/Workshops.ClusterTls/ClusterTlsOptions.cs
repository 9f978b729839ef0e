namespace Workshops.ClusterTls;

/// <summary>
/// The <c>Workshops:Cluster:Tls</c> section: the certificate a server (silo and gateway) or the
/// CLI shows, and what it accepts from the other side. One section for both, so that one
/// configuration file or one mounted Kubernetes Secret serves the servers and the CLI.
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string Section = "Workshops:Cluster:Tls";

    /// <summary>
    /// This side's certificate: a PEM file (the key in <see cref="KeyPath"/>, or in the same
    /// file) or a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, with <see cref="Password"/>). Its
    /// extended key usage, if any, must allow both server and client authentication: a silo
    /// is the server of one connection and the client of the next.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/> (Kubernetes: <c>tls.key</c>).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PKCS#12 password, or the password of an encrypted PEM key. A secret: never printed.</summary>
    public string? Password { get; set; }

    /// <summary>PEM file of the certificate authorities whose certificates are let in (Kubernetes: <c>ca.crt</c>).</summary>
    public string? CaPath { get; set; }

    /// <summary>
    /// SHA-256 thumbprints (hex, separated by commas or spaces) of the only certificates let in.
    /// With <see cref="CaPath"/> a certificate must pass both checks; alone, it pins the certificates.
    /// </summary>
    public string? AllowedThumbprints { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath);
}
