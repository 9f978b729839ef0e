namespace Workshops.Contracts;

/// <summary>
/// Where the stakeholder groups behind a report's per-group counts come from: how many of the
/// people who took part had their group set by the organizers on a personal badge (it cannot be
/// changed by the person) and how many declared one themselves at join (PROTOCOL.md section 8).
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.GroupSource")]
public sealed record GroupSource
{
    public const string SourceBadges = "badges";
    public const string SourceDeclared = "declared";
    public const string SourceMixed = "mixed";
    public const string SourceNone = "none";

    /// <summary>"badges" (every group set on a badge), "declared", "mixed", or "none" (nobody has a group).</summary>
    [Id(0)] public required string Source { get; init; }
    [Id(1)] public int FromBadges { get; init; }
    [Id(2)] public int Declared { get; init; }

    public static GroupSource Of(int fromBadges, int declared) => new()
    {
        Source = (fromBadges, declared) switch
        {
            (0, 0) => SourceNone,
            (_, 0) => SourceBadges,
            (0, _) => SourceDeclared,
            _ => SourceMixed,
        },
        FromBadges = fromBadges,
        Declared = declared,
    };
}
