using System.Globalization;

namespace Workshops.Cluster.Tests;

/// <summary>
/// How big a fault test's vote storm is. The CI variant fits the test command on 2 cores; the
/// long one (WORKSHOPS_FAULTS_LONG=1, see docs/benchmarks.md) is the benchmark scenario.
/// </summary>
internal sealed record FaultScale(
    int Participants,
    int Workshops,
    int IdeasPerBoard,
    int VotesPerBoard,
    TimeSpan MinPause,
    TimeSpan MaxPause,
    double KillAtFraction)
{
    public const string LongVariable = "WORKSHOPS_FAULTS_LONG";

    public static bool IsLong => string.Equals(Environment.GetEnvironmentVariable(LongVariable), "1", StringComparison.Ordinal);

    /// <summary>Three Azure-profile servers.</summary>
    public static FaultScale Cluster => IsLong
        ? new(900, 9, 8, 5, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(900), 0.3)
        : new(240, 4, 4, 3, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), 0.3);

    /// <summary>One embedded (SQLite) server.</summary>
    public static FaultScale Embedded => IsLong
        ? new(600, 6, 8, 5, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(900), 0.3)
        : new(120, 3, 4, 3, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), 0.3);

    public int Boards => 3;

    public int VotesPerParticipant => Boards * VotesPerBoard;

    public int TotalVotes => Participants * VotesPerParticipant;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Participants} participants, {Workshops} workshops, {Boards}x{IdeasPerBoard} ideas, {VotesPerBoard} votes per board ({TotalVotes} votes)");
}
