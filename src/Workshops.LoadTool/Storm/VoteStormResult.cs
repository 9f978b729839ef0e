namespace Workshops.LoadTool.Storm;

/// <summary>What one storm measured.</summary>
public sealed record VoteStormResult
{
    /// <summary>What the storm ran against ("self-host sqlite", "floor", a URL list).</summary>
    public required string Target { get; init; }

    public required string EventId { get; init; }

    public int Workshops { get; init; }

    public int Participants { get; init; }

    public int VotesPerParticipant { get; init; }

    /// <summary>Votes the participants set out to cast.</summary>
    public long VotesPlanned { get; init; }

    /// <summary>Distinct votes acknowledged with a receipt.</summary>
    public long VotesAcknowledged { get; init; }

    /// <summary>From the first vote sent to the last acknowledgement received.</summary>
    public double StormSeconds { get; init; }

    public double VotesPerSecond => StormSeconds > 0 ? VotesAcknowledged / StormSeconds : 0;

    /// <summary>Per vote: from its first send to its acknowledgement (re-sends included).</summary>
    public required LatencySummary AckLatency { get; init; }

    /// <summary>Per facilitator screen: from its workshop's last acknowledgement to showing the final tallies.</summary>
    public required LatencySummary ScreenLatency { get; init; }

    public int Screens { get; init; }

    /// <summary>Screens that showed the exact final tallies before <see cref="VoteStormOptions.ScreenTimeout"/>.</summary>
    public int ScreensConverged { get; init; }

    /// <summary>Screens that saw a version gap and re-joined for a fresh snapshot.</summary>
    public int ScreenResyncs { get; init; }

    /// <summary>Failed calls by error code (contract codes, and timeout / connection_lost / server_error / join_failed).</summary>
    public IReadOnlyDictionary<string, int> ErrorsByCode { get; init; } = new Dictionary<string, int>();

    /// <summary>Participant connections re-opened on another URL.</summary>
    public int Reconnects { get; init; }

    /// <summary>Votes sent again with the same clientOpId.</summary>
    public int Resends { get; init; }

    public required TallyCheck Check { get; init; }

    public double SetupSeconds { get; init; }

    public double JoinSeconds { get; init; }

    public double ConnectSeconds { get; init; }

    /// <summary>Cores this process kept busy during the storm (client, and server when hosted here).</summary>
    public double ProcessCores { get; init; }

    /// <summary>CPU time this process spent from the first vote to the last acknowledgement.</summary>
    public double ProcessCpuSeconds { get; init; }

    /// <summary>CPU microseconds this process spent per acknowledged vote (client, and server when hosted here).</summary>
    public double CpuMicrosecondsPerVote => VotesAcknowledged > 0 ? ProcessCpuSeconds * 1e6 / VotesAcknowledged : double.NaN;

    /// <summary>
    /// CPU time the server's own process spent over the same interval as <see cref="ProcessCpuSeconds"/>
    /// (/proc/&lt;pid&gt;/stat of the child); null when the server runs in this process.
    /// </summary>
    public double? ServerProcessCpuSeconds { get; init; }

    /// <summary>CPU microseconds the server's own process spent per acknowledged vote; null when it runs in this process.</summary>
    public double? ServerCpuMicrosecondsPerVote => ServerProcessCpuSeconds is { } cpu && VotesAcknowledged > 0 ? cpu * 1e6 / VotesAcknowledged : null;

    /// <summary>Cores the server's own process kept busy during the storm; null when it runs in this process.</summary>
    public double? ServerProcessCores { get; init; }

    /// <summary>Cores the whole machine kept busy during the storm.</summary>
    public double MachineCores { get; init; }

    /// <summary>The 1-minute load average when voting opened.</summary>
    public double LoadAverage { get; init; }

    /// <summary>Events the voters were sent between the storm's first send and its last answer (acks not counted).</summary>
    public long ParticipantEventsInStorm { get; init; }

    public double ParticipantEventsPerVote => VotesAcknowledged == 0 ? 0 : (double)ParticipantEventsInStorm / VotesAcknowledged;
}
