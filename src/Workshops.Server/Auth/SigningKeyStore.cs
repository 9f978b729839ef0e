using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Workshops.Server.Hosting;

namespace Workshops.Server.Auth;

/// <summary>
/// The token signing key: from configuration, else generated once and kept in the data folder
/// so that tokens survive a restart (a phone keeps its votes after the laptop reboots).
/// </summary>
public sealed class SigningKeyStore
{
    public SigningKeyStore(IOptions<WorkshopsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.SigningKey;
        byte[] key;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            key = Convert.FromBase64String(configured);
        }
        else
        {
            var path = Path.Combine(options.Value.DataPath, "signing.key");
            if (File.Exists(path))
            {
                key = Convert.FromBase64String(File.ReadAllText(path).Trim());
            }
            else
            {
                Directory.CreateDirectory(options.Value.DataPath);
                key = RandomNumberGenerator.GetBytes(32);
                File.WriteAllText(path, Convert.ToBase64String(key));
            }
        }

        if (key.Length < 32)
        {
            throw new InvalidOperationException("Workshops:SigningKey must be at least 32 bytes (base64)");
        }

        Key = new SymmetricSecurityKey(key);
    }

    public SymmetricSecurityKey Key { get; }
}
