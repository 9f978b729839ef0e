namespace Workshops.LoadTool.Output;

/// <summary>Everything one invocation of workshops-load measured.</summary>
public sealed record LoadReport(
    MachineInfo Machine,
    string Target,
    string Scenario,
    IReadOnlyList<LoadRun> Runs,
    IReadOnlyList<TargetCheck> Targets);
