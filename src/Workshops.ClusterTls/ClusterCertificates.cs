using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Workshops.ClusterTls;

/// <summary>
/// Mutual TLS between silos, and between the CLI and the gateways: every side shows a
/// certificate, and lets in only certificates issued by the cluster's own authority (or pinned
/// by thumbprint). Names are not checked: silos reach each other by IP address.
/// </summary>
public sealed class ClusterCertificates
{
    private static readonly char[] Separators = [',', ';', ' ', '\t', '\r', '\n'];

    private readonly X509Certificate2Collection _authorities;
    private readonly HashSet<string> _thumbprints;

    private ClusterCertificates(X509Certificate2 certificate, X509Certificate2Collection authorities, HashSet<string> thumbprints)
    {
        Certificate = certificate;
        _authorities = authorities;
        _thumbprints = thumbprints;
    }

    /// <summary>The certificate this side shows.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Reads the files named by <paramref name="options"/>; says which setting is wrong if one is.</summary>
    public static ClusterCertificates Load(ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            throw Invalid("CertificatePath is not set");
        }

        var certificate = LoadCertificate(options);
        var authorities = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(options.CaPath))
        {
            var caPath = ExistingFile(options.CaPath, "CaPath");
            try
            {
                authorities.ImportFromPemFile(caPath);
            }
            catch (CryptographicException ex)
            {
                throw Invalid($"CaPath {caPath} is not a PEM certificate file: {ex.Message}", ex);
            }

            if (authorities.Count == 0)
            {
                throw Invalid($"CaPath {caPath} holds no certificate");
            }
        }

        var thumbprints = new HashSet<string>(
            (options.AllowedThumbprints ?? string.Empty)
                .Split(Separators, StringSplitOptions.RemoveEmptyEntries)
                .Select(NormalizeThumbprint),
            StringComparer.Ordinal);
        if (authorities.Count == 0 && thumbprints.Count == 0)
        {
            // Accepting any certificate would let anyone with a self-made one in.
            throw Invalid("neither CaPath nor AllowedThumbprints is set: there is nothing to check the other side's certificate against");
        }

        return new ClusterCertificates(certificate, authorities, thumbprints);
    }

    /// <summary>The SHA-256 thumbprint as <see cref="ClusterTlsOptions.AllowedThumbprints"/> lists it.</summary>
    public static string Thumbprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>Both directions: this side's certificate is required and shown, the other side's is required and checked.</summary>
    public void Configure(TlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        tls.LocalCertificate = Certificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // Orleans hands us the platform's verdict too; it distrusts a private authority and
        // expects a host name, so the decision is ours alone.
        tls.RemoteCertificateValidation = (certificate, _, _) => IsTrusted(certificate);
    }

    /// <summary>Issued by one of the configured authorities (when set) and, when set, one of the pinned certificates.</summary>
    public bool IsTrusted(X509Certificate2 remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (_thumbprints.Count > 0 && !_thumbprints.Contains(Thumbprint(remote)))
        {
            return false;
        }

        if (_authorities.Count == 0)
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // A private cluster authority publishes no revocation list; a leaked key is answered by a new authority.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(remote);
    }

    private static X509Certificate2 LoadCertificate(ClusterTlsOptions options)
    {
        var path = ExistingFile(options.CertificatePath!, "CertificatePath");
        try
        {
            if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
            {
                var pkcs12 = X509CertificateLoader.LoadPkcs12FromFile(path, options.Password);
                return pkcs12.HasPrivateKey ? pkcs12 : throw Invalid($"CertificatePath {path} holds no private key");
            }

            var keyPath = string.IsNullOrWhiteSpace(options.KeyPath) ? null : ExistingFile(options.KeyPath, "KeyPath");
            using var pem = string.IsNullOrEmpty(options.Password)
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, options.Password, keyPath);
            // A PEM key is ephemeral, which SslStream on Windows cannot use; a PKCS#12 round trip
            // gives a certificate that works on every platform.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException ex)
        {
            throw Invalid($"the certificate {path} (key {options.KeyPath ?? "in the same file"}) could not be read: {ex.Message}", ex);
        }
    }

    private static string ExistingFile(string configured, string setting)
    {
        var path = Path.GetFullPath(configured);
        return File.Exists(path) ? path : throw Invalid($"{setting} {path} does not exist");
    }

    private static string NormalizeThumbprint(string text) =>
        text.Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    private static InvalidOperationException Invalid(string message, Exception? inner = null) =>
        new($"{ClusterTlsOptions.Section}: {message}", inner);
}
