using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Workshops.Grains;
using Workshops.Server.Hosting;

namespace Workshops.Server.Auth;

/// <summary>
/// The admin key, kept only as a hash. When none is configured one is generated at start-up
/// and shown once, in the start-up banner.
/// </summary>
public sealed class AdminKey
{
    private readonly byte[] _hash;

    public AdminKey(IOptions<WorkshopsOptions> options, SigningKeyStore signing)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signing);
        var configured = options.Value.AdminKey;
        if (string.IsNullOrWhiteSpace(configured))
        {
            GeneratedKey = Secrets.NewKey("adm_");
            configured = GeneratedKey;
        }

        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(configured));

        // Keyed with the signing key, so that a token (which its holder can read) says nothing
        // that helps guess a weak configured admin key.
        TokenId = Base64Url.EncodeToString(HMACSHA256.HashData(signing.Key.Key, _hash).AsSpan(0, 16));
    }

    /// <summary>
    /// Carried by every admin token: a token whose id is not the current key's came from
    /// another admin key (Workshops:AdminKey changed) and is refused.
    /// </summary>
    public string TokenId { get; }

    /// <summary>The key made at start-up, to print once; null when configured.</summary>
    public string? GeneratedKey { get; private set; }

    public bool Matches(string? key) =>
        key is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Forgets the clear key once it has been printed.</summary>
    public void ForgetGeneratedKey() => GeneratedKey = null;
}
