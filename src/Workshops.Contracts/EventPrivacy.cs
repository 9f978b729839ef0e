namespace Workshops.Contracts;

/// <summary>
/// The privacy notice of an event (PROTOCOL.md section 11): who keeps the participants' data, how
/// to reach them, why, and for how long after the event closes. The join page shows it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.EventPrivacy")]
public sealed record EventPrivacy
{
    /// <summary>The data controller (the organization that keeps the data).</summary>
    [Id(0)] public string Controller { get; init; } = "";

    /// <summary>How a person reaches the controller to use their rights.</summary>
    [Id(1)] public string Contact { get; init; } = "";

    [Id(2)] public string? Purpose { get; init; }

    /// <summary>Days after every workshop closes until names are erased; 30 when not given.</summary>
    [Id(3)] public int? RetentionDays { get; init; }

    public const int DefaultRetentionDays = 30;
    public const int MaxRetentionDays = 3650;
}
