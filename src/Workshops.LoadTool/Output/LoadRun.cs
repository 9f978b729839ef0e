using Workshops.LoadTool.Storm;

namespace Workshops.LoadTool.Output;

/// <summary>One measured storm against the target and, with --compare-floor, the floor's storm run next to it.</summary>
public sealed record LoadRun(VoteStormResult Result, VoteStormResult? Floor)
{
    public double? VotesPerSecondRatio => Floor is null || Floor.VotesPerSecond <= 0 ? null : Result.VotesPerSecond / Floor.VotesPerSecond;

    public double? AckP50Ratio => Floor is null || !(Floor.AckLatency.P50Ms > 0) ? null : Result.AckLatency.P50Ms / Floor.AckLatency.P50Ms;

    public double? AckP95Ratio => Floor is null || !(Floor.AckLatency.P95Ms > 0) ? null : Result.AckLatency.P95Ms / Floor.AckLatency.P95Ms;

    /// <summary>Server process against floor process, CPU per vote; null unless both ran in their own processes.</summary>
    public double? ServerCpuPerVoteRatio => Result.ServerCpuMicrosecondsPerVote is { } ours && Floor?.ServerCpuMicrosecondsPerVote is { } floor && floor > 0 ? ours / floor : null;

    public double? AckP99Ratio => Floor is null || !(Floor.AckLatency.P99Ms > 0) ? null : Result.AckLatency.P99Ms / Floor.AckLatency.P99Ms;

    public double? CpuPerVoteRatio => Floor is null || !(Floor.CpuMicrosecondsPerVote > 0) ? null : Result.CpuMicrosecondsPerVote / Floor.CpuMicrosecondsPerVote;

    public double? ScreenMaxRatio => Floor is null || !(Floor.ScreenLatency.MaxMs > 0) ? null : Result.ScreenLatency.MaxMs / Floor.ScreenLatency.MaxMs;
}
