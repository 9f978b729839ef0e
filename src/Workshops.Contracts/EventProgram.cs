namespace Workshops.Contracts;

/// <summary>The body of POST /api/events: what an event is made of.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.EventProgram")]
public sealed record EventProgram
{
    [Id(0)] public string Title { get; init; } = "";
    [Id(1)] public string? Date { get; init; }
    [Id(2)] public string? Venue { get; init; }
    [Id(3)] public string Language { get; init; } = "tr";
    [Id(4)] public List<string>? OutputAreas { get; init; }
    [Id(5)] public List<WorkshopProgram> Workshops { get; init; } = [];
    [Id(6)] public List<string>? StakeholderGroups { get; init; }
    [Id(7)] public WorkshopSettings? Settings { get; init; }

    /// <summary>Added (PROTOCOL.md section 11): the privacy notice the join page shows; none when absent.</summary>
    [Id(8)] public EventPrivacy? Privacy { get; init; }

    public static IReadOnlyList<string> DefaultOutputAreas { get; } = ["Etki", "Sürdürülebilirlik", "İş Birliği"];

    public static IReadOnlyList<string> DefaultStakeholderGroups { get; } =
    [
        "Sivil toplum kuruluşu", "Kamu kurumu", "Yerel yönetim", "Kalkınma ajansı",
        "Uluslararası kuruluş", "Basın", "Diğer",
    ];
}

[GenerateSerializer, Immutable, Alias("Workshops.WorkshopProgram")]
public sealed record WorkshopProgram
{
    [Id(0)] public string Title { get; init; } = "";

    /// <summary>In PUT /api/events/{eventId}: the workshop kept; absent for a workshop to add.</summary>
    [Id(1)] public string? WorkshopId { get; init; }
}
