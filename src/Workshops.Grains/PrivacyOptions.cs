namespace Workshops.Grains;

/// <summary>The <c>Workshops:Privacy</c> section: how often an event checks whether its retention period is over.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Workshops:Privacy";

    /// <summary>
    /// The service key of an optional TimeProvider for the retention decisions alone (tests move it
    /// by days). Not the silo's own clock: Orleans' membership also runs on that one, and a silo
    /// whose clock jumps a day declares itself dead.
    /// </summary>
    public const string ClockKey = "Workshops.Privacy";

    /// <summary>
    /// The period of the retention reminder. An hour is plenty for a period counted in days; tests
    /// set seconds (and lower Orleans' <c>ReminderOptions.MinimumReminderPeriod</c> with it).
    /// </summary>
    public TimeSpan RetentionCheckPeriod { get; set; } = TimeSpan.FromHours(1);
}
