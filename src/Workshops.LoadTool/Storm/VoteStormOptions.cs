namespace Workshops.LoadTool.Storm;

/// <summary>What a <see cref="VoteStorm"/> does. Every wait is bounded; the storm always ends.</summary>
public sealed record VoteStormOptions
{
    /// <summary>Base URLs of the servers (http://127.0.0.1:5080). Participant i starts on URL i mod count.</summary>
    public required IReadOnlyList<string> Urls { get; init; }

    /// <summary>The admin key of the servers (Workshops:AdminKey).</summary>
    public required string AdminKey { get; init; }

    public int Workshops { get; init; } = 10;

    public int Participants { get; init; } = 2000;

    /// <summary>Dots per participant: the workshop's votesPerBoard, one vote per idea at most.</summary>
    public int VotesPerParticipant { get; init; } = 3;

    /// <summary>Ideas the brainstorm adds per workshop (each by a different participant); at least the votes.</summary>
    public int IdeasPerWorkshop { get; init; } = 8;

    /// <summary>Facilitator screens per workshop listening to talliesChanged.</summary>
    public int ScreensPerWorkshop { get; init; } = 1;

    /// <summary>HTTP joins under way at once.</summary>
    public int JoinConcurrency { get; init; } = 32;

    /// <summary>WebSocket connections being opened at once.</summary>
    public int ConnectConcurrency { get; init; } = 64;

    /// <summary>Pause between one participant's votes; zero sends all its dots at once.</summary>
    public TimeSpan VoteInterval { get; init; } = TimeSpan.Zero;

    /// <summary>Quiet time after everyone connected, so that presence updates are over before voting.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait for one HTTP or hub call.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait, after the last acknowledgement, for every screen to show the final tallies.</summary>
    public TimeSpan ScreenTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest the whole storm may take; past it the storm is cancelled.</summary>
    public TimeSpan OverallTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Per participant (and screen): how often it may try to re-open its connection, each time on
    /// the next URL. With the back-off below the default outlasts a killed server's detection
    /// (Orleans declares a silo dead after a few missed probes; until then its grains answer unavailable).
    /// </summary>
    public int MaxReconnects { get; init; } = 20;

    /// <summary>Per participant: how many rounds of re-sending its unacknowledged votes it may make.</summary>
    public int MaxResendRounds { get; init; } = 40;

    /// <summary>First pause before a re-send or a reconnect; it doubles each time up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest pause between two tries.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The pause before try number <paramref name="attempt"/> (0-based): exponential, capped.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt, 0, 16));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
    }

    /// <summary>Called as each stage begins (a fault test kills a server at <see cref="StormStage.VotesSending"/>).</summary>
    public Func<StormStage, CancellationToken, Task>? OnStage { get; init; }

    /// <summary>
    /// The CPU time so far of the server's own process, when it runs apart from this one (null:
    /// it runs here, or is not known); read at the same moments as this process's CPU.
    /// </summary>
    public Func<TimeSpan?>? ServerCpuTime { get; init; }

    /// <summary>Progress lines; null for none.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Throws when the options cannot make a storm.</summary>
    public void Validate()
    {
        if (Urls is null || Urls.Count == 0)
        {
            throw new ArgumentException("at least one server URL is needed");
        }

        if (Workshops is < 1 or > 100)
        {
            throw new ArgumentException("workshops must be 1 to 100 (an event's limit)");
        }

        if (VotesPerParticipant is < 1 or > 100)
        {
            throw new ArgumentException("votes per participant must be 1 to 100 (votesPerBoard's limit)");
        }

        if (IdeasPerWorkshop < VotesPerParticipant)
        {
            throw new ArgumentException("ideas per workshop must be at least the votes per participant (one vote per idea)");
        }

        if (Participants < Workshops * IdeasPerWorkshop)
        {
            throw new ArgumentException("the brainstorm needs at least workshops × ideas-per-workshop participants (each adds one idea)");
        }

        if (Participants > 20_000)
        {
            throw new ArgumentException("an event holds at most 20,000 participants");
        }

        if (ScreensPerWorkshop < 1 || JoinConcurrency < 1 || ConnectConcurrency < 1 || MaxReconnects < 0 || MaxResendRounds < 0)
        {
            throw new ArgumentException("screens, concurrency and retry budgets must be positive");
        }
    }
}
