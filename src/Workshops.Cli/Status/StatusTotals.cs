namespace Workshops.Cli.Status;

/// <summary>The cluster as a whole.</summary>
/// <param name="LiveWorkshops">Workshops with at least one connection on some server.</param>
/// <param name="WorkshopsInMemory">Workshop grains activated anywhere in the cluster.</param>
public sealed record StatusTotals(int Servers, int Connections, int People, int LiveWorkshops, int WorkshopsInMemory);
