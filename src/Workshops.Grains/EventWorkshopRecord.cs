namespace Workshops.Grains;

[GenerateSerializer, Alias("Workshops.EventWorkshopRecord")]
public sealed class EventWorkshopRecord
{
    [Id(0)] public string WorkshopId { get; set; } = "";
    [Id(1)] public string Title { get; set; } = "";
    /// <summary>SHA-256 of the facilitator key.</summary>
    [Id(2)] public string FacilitatorKeyHash { get; set; } = "";
    /// <summary>Grows with every rotation of the facilitator key.</summary>
    [Id(3)] public int KeyGeneration { get; set; }
}
