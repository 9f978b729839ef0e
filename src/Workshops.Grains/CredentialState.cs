using Workshops.Contracts;

namespace Workshops.Grains;

[GenerateSerializer, Alias("Workshops.CredentialState")]
public sealed class CredentialState
{
    [Id(0)] public Credential? Credential { get; set; }
}
