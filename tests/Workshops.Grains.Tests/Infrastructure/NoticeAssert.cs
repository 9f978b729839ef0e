using Workshops.Contracts;

namespace Workshops.Grains.Tests.Infrastructure;

/// <summary>Shape checks that every notice of a workshop must pass.</summary>
public static class NoticeAssert
{
    /// <summary>The workshop id and version a payload of the version stream carries, and the methods that may carry it.</summary>
    public static (string WorkshopId, long Version, string[] Methods) Stamp(object payload) => payload switch
    {
        IdeaEvent e => (e.WorkshopId, e.Version, [EventNames.IdeaAdded, EventNames.IdeaChanged]),
        IdeaRemovedEvent e => (e.WorkshopId, e.Version, [EventNames.IdeaRemoved]),
        PhaseChangedEvent e => (e.WorkshopId, e.Version, [EventNames.PhaseChanged]),
        TimerChangedEvent e => (e.WorkshopId, e.Version, [EventNames.TimerChanged]),
        OutputChangedEvent e => (e.WorkshopId, e.Version, [EventNames.OutputChanged]),
        PresenceChangedEvent e => (e.WorkshopId, e.Version, [EventNames.PresenceChanged]),
        SettingsChangedEvent e => (e.WorkshopId, e.Version, [EventNames.SettingsChanged]),
        VersionChangedEvent e => (e.WorkshopId, e.Version, [EventNames.VersionChanged]),
        _ => throw new Xunit.Sdk.XunitException($"unexpected payload {payload.GetType()}"),
    };

    /// <summary>True for an announcement of the tally stream (no version), false for a change.</summary>
    public static bool IsTallyAnnouncement(WorkshopNotice notice) =>
        notice.Deliveries.Any(d => d.Audience == Audience.Staff && d.Method == EventNames.TalliesChanged);

    /// <summary>
    /// A change: staff get exactly one delivery; participants get exactly one each (either one for
    /// all of them, or one for an author and one for everybody else), plus, when the change showed
    /// them the results, every tally after it. Every versioned payload carries the same version
    /// under a method that fits it. A tally announcement: staff get talliesChanged, participants at
    /// most one talliesChanged, nobody anything else.
    /// </summary>
    public static void IsWellFormed(WorkshopNotice notice, string workshopId)
    {
        Assert.Equal(workshopId, notice.WorkshopId);
        Assert.Single(notice.Deliveries, d => d.Audience == Audience.Staff);
        if (IsTallyAnnouncement(notice))
        {
            Assert.All(notice.Deliveries, d => Assert.Equal(EventNames.TalliesChanged, d.Method));
            Assert.All(notice.Deliveries, d => Assert.Equal(workshopId, ((TalliesChangedEvent)d.Payload).WorkshopId));
            Assert.InRange(notice.Deliveries.Count(d => d.Audience == Audience.Participants), 0, 1);
            Assert.Equal(notice.Deliveries.Count, 1 + notice.Deliveries.Count(d => d.Audience == Audience.Participants));
            return;
        }

        var shown = notice.Deliveries.Where(d => d.Method == EventNames.TalliesChanged).ToList();
        Assert.All(shown, d => Assert.Equal(Audience.Participants, d.Audience));
        Assert.True(shown.Count <= 1 && (shown.Count == 0 || notice.Deliveries[^1] == shown[0]), "results shown: one talliesChanged, last");
        var deliveries = notice.Deliveries.Except(shown).ToList();
        var everyone = deliveries.Where(d => d.Audience == Audience.Participants).ToList();
        if (everyone.Count == 1)
        {
            Assert.Equal(2, deliveries.Count);
        }
        else
        {
            Assert.Empty(everyone);
            var others = Assert.Single(deliveries, d => d.Audience == Audience.ParticipantsExcept);
            var author = Assert.Single(deliveries, d => d.Audience == Audience.Participant);
            Assert.False(string.IsNullOrEmpty(author.ParticipantId));
            Assert.Equal(author.ParticipantId, others.ParticipantId);
            Assert.Equal(3, deliveries.Count);
        }

        var versions = new HashSet<long>();
        foreach (var delivery in deliveries)
        {
            var (id, version, methods) = Stamp(delivery.Payload);
            Assert.Equal(workshopId, id);
            versions.Add(version);
            Assert.Contains(delivery.Method, methods);
        }

        Assert.Single(versions);
    }

    /// <summary>The version a change carries (every delivery of it carries the same).</summary>
    public static long VersionOf(WorkshopNotice notice) => Stamp(To(notice, Audience.Staff).Payload).Version;

    public static Delivery To(WorkshopNotice notice, Audience audience) => Assert.Single(notice.Deliveries, d => d.Audience == audience);
}
