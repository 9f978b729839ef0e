using Workshops.Contracts;

namespace Workshops.Grains.Tests.Infrastructure;

/// <summary>Shape checks that every notice of a workshop must pass.</summary>
public static class NoticeAssert
{
    /// <summary>The workshop id and version a payload carries, and the methods that may carry it.</summary>
    public static (string WorkshopId, long Version, string[] Methods) Stamp(object payload) => payload switch
    {
        IdeaEvent e => (e.WorkshopId, e.Version, [EventNames.IdeaAdded, EventNames.IdeaChanged]),
        IdeaRemovedEvent e => (e.WorkshopId, e.Version, [EventNames.IdeaRemoved]),
        TalliesChangedEvent e => (e.WorkshopId, e.Version, [EventNames.TalliesChanged]),
        PhaseChangedEvent e => (e.WorkshopId, e.Version, [EventNames.PhaseChanged]),
        TimerChangedEvent e => (e.WorkshopId, e.Version, [EventNames.TimerChanged]),
        OutputChangedEvent e => (e.WorkshopId, e.Version, [EventNames.OutputChanged]),
        PresenceChangedEvent e => (e.WorkshopId, e.Version, [EventNames.PresenceChanged]),
        SettingsChangedEvent e => (e.WorkshopId, e.Version, [EventNames.SettingsChanged]),
        VersionChangedEvent e => (e.WorkshopId, e.Version, [EventNames.VersionChanged]),
        _ => throw new Xunit.Sdk.XunitException($"unexpected payload {payload.GetType()}"),
    };

    /// <summary>
    /// Staff get exactly one delivery; participants get exactly one each: either one for all of
    /// them, or one for an author and one for everybody else. Every payload carries the notice's
    /// workshop and version under a method that fits it.
    /// </summary>
    public static void IsWellFormed(WorkshopNotice notice, string workshopId)
    {
        Assert.Equal(workshopId, notice.WorkshopId);
        Assert.Single(notice.Deliveries, d => d.Audience == Audience.Staff);
        var everyone = notice.Deliveries.Where(d => d.Audience == Audience.Participants).ToList();
        if (everyone.Count == 1)
        {
            Assert.Equal(2, notice.Deliveries.Count);
        }
        else
        {
            Assert.Empty(everyone);
            var others = Assert.Single(notice.Deliveries, d => d.Audience == Audience.ParticipantsExcept);
            var author = Assert.Single(notice.Deliveries, d => d.Audience == Audience.Participant);
            Assert.False(string.IsNullOrEmpty(author.ParticipantId));
            Assert.Equal(author.ParticipantId, others.ParticipantId);
            Assert.Equal(3, notice.Deliveries.Count);
        }

        foreach (var delivery in notice.Deliveries)
        {
            var (id, version, methods) = Stamp(delivery.Payload);
            Assert.Equal((workshopId, notice.Version), (id, version));
            Assert.Contains(delivery.Method, methods);
        }
    }

    public static Delivery To(WorkshopNotice notice, Audience audience) => Assert.Single(notice.Deliveries, d => d.Audience == audience);
}
