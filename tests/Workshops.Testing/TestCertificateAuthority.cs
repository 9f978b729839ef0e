using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Workshops.Testing;

/// <summary>
/// A throw-away certificate authority for cluster TLS tests, made in the test (no key is ever
/// committed): its certificate and the ones it issues are PEM files in a folder, as a mounted
/// Kubernetes Secret holds them (ca.crt, tls.crt, tls.key).
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly X509Certificate2 _authority;
    private readonly string _folder;

    public TestCertificateAuthority(string folder, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _folder = folder;
        Directory.CreateDirectory(folder);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CaPath = Path.Combine(folder, SafeName(name) + "-ca.crt");
        File.WriteAllText(CaPath, _authority.ExportCertificatePem());
    }

    /// <summary>The authority's certificate (PEM), for <c>Workshops:Cluster:Tls:CaPath</c>.</summary>
    public string CaPath { get; }

    /// <summary>A certificate for server and client authentication, as every silo and the CLI need.</summary>
    public TestCertificate Issue(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication, ClientAuthentication], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_authority, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(_authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), serial);
        var baseName = Path.Combine(_folder, SafeName(name));
        File.WriteAllText(baseName + ".crt", certificate.ExportCertificatePem());
        File.WriteAllText(baseName + ".key", key.ExportPkcs8PrivateKeyPem());
        return new TestCertificate(baseName + ".crt", baseName + ".key", certificate.GetCertHashString(HashAlgorithmName.SHA256));
    }

    public void Dispose() => _authority.Dispose();

    private static string SafeName(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
}
