namespace Workshops.Contracts;

/// <summary>
/// How one qualifying stakeholder group backed an idea or output on a board (PROTOCOL.md
/// section 10): <c>supporters</c> of its <c>voters</c> on the board gave it at least one dot;
/// <c>support</c> = (supporters + 1) / (voters + 2), rounded to 3 decimals.
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.GroupSupport")]
public sealed record GroupSupport
{
    [Id(0)] public required string Group { get; init; }
    [Id(1)] public int Voters { get; init; }
    [Id(2)] public int Supporters { get; init; }
    [Id(3)] public double Support { get; init; }
}
