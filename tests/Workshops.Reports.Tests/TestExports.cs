using Workshops.Contracts;

namespace Workshops.Reports.Tests;

/// <summary>
/// A small but realistic export: two workshops, Turkish titles and ideas with every Turkish
/// letter, a facilitator's output and a top-voted one, anonymous and signed ideas, hidden and
/// merged ideas, votes of people who declared no group, and ideas that try to be formulas,
/// Markdown or HTML.
/// </summary>
internal static class TestExports
{
    public const string Title = "İklim ve Gençlik Çalıştayı: Şanlıurfa'da Ortak Akıl";
    public const string Formula = "=HYPERLINK(\"http://x\",\"y\")";
    public const string Html = "<img src=x onerror=alert(1)>";
    public const string MarkdownBold = "**bold** ve _italik_: [bağlantı](http://örnek.com) `kod` # başlık | tablo www.evil.com";
    public const string MultiLine = "Muhtarlıklar, STK'lar ve üniversiteler arasında ortak veri paylaşım platformu kurulmalı\nİkinci satır: \"tırnak\", virgül";
    public const string OrderedListLookalike = "1. madde: ÇĞİÖŞÜ çğıöşü — Iİ ıi";
    public const string FacilitatorOutputText = "Işıklı ve sesli uyarı sistemleri ile evde bakım hizmetleri birlikte yaygınlaştırılmalı";

    public static readonly DateTimeOffset ExportedAt = new(2024, 3, 7, 16, 45, 30, TimeSpan.Zero);

    public static EventExport Create() => new()
    {
        EventId = "ev-7Hq2",
        Title = Title,
        Date = "2024-03-07",
        Venue = "Şanlıurfa Büyükşehir Belediyesi Kongre Salonu",
        ExportedAt = ExportedAt,
        Workshops = [Vulnerable(), Youth()],
    };

    /// <summary>Anonymous ideas; every trick in the book.</summary>
    private static WorkshopExport Vulnerable() => new()
    {
        WorkshopId = "ws-hassas",
        Title = "Hassas Gruplar",
        Phase = WorkshopPhase.Closed,
        Participants = 14,
        Ideas = 11,
        Votes = 38,
        Outputs =
        [
            new OutputExport
            {
                Area = "Etki",
                Text = FacilitatorOutputText,
                Votes = 9,
                VotesByGroup = Groups(("Sivil toplum kuruluşu", 4), ("Kamu kurumu", 3), ("", 2)),
                Source = OutputSource.Facilitator,
                SourceIdeaIds = ["i-101", "i-104"],
                Consensus = 0.447,
                Support =
                [
                    new GroupSupport { Group = "Kamu kurumu", Voters = 3, Supporters = 2, Support = 0.6 },
                    new GroupSupport { Group = "Sivil toplum kuruluşu", Voters = 4, Supporters = 1, Support = 0.333 },
                ],
            },
            new OutputExport
            {
                Area = "Sürdürülebilirlik",
                Text = MarkdownBold,
                Votes = 4,
                VotesByGroup = Groups(("Yerel yönetim", 3), ("", 1)),
                Source = OutputSource.TopVoted,
                SourceIdeaIds = ["i-201"],
            },
            new OutputExport
            {
                Area = "İş Birliği",
                Text = "Ortak veri paylaşım platformu",
                Votes = 7,
                VotesByGroup = Groups(("Kalkınma ajansı", 5), ("Basın", 2)),
                Source = OutputSource.Facilitator,
                SourceIdeaIds = ["i-301"],
            },
        ],
        Boards =
        [
            new BoardExport
            {
                Area = "Etki",
                Ideas =
                [
                    Idea("i-101", "Engelli bireyler için ışıklı ve sesli uyarı sistemleri yaygınlaştırılmalı", 9,
                        Groups(("Sivil toplum kuruluşu", 4), ("Kamu kurumu", 3), ("", 2))),
                    Idea("i-102", "Göçmen çocuklara Türkçe destek programı; öğretmenlere ücretsiz eğitim", 6,
                        Groups(("Yerel yönetim", 2), ("Sivil toplum kuruluşu", 3), ("", 1))),
                    Idea("i-103", Formula, 1, Groups(("Diğer", 1))),
                    Idea("i-104", "Yaşlılar için evde bakım hizmetleri güçlendirilmeli", 0, Groups(), IdeaStatus.Merged),
                    Idea("i-105", Html, 0, Groups(), IdeaStatus.Hidden),
                ],
            },
            new BoardExport
            {
                Area = "Sürdürülebilirlik",
                Ideas =
                [
                    Idea("i-201", MarkdownBold, 4, Groups(("Yerel yönetim", 3), ("", 1))),
                    Idea("i-202", "+1", 3, Groups(("Basın", 1), ("", 2))),
                    Idea("i-203", "-2", 2, Groups(("Uluslararası kuruluş", 2))),
                    Idea("i-204", "@SUM(A1)", 1, Groups(("", 1))),
                ],
            },
            new BoardExport
            {
                Area = "İş Birliği",
                Ideas =
                [
                    Idea("i-301", MultiLine, 7, Groups(("Kalkınma ajansı", 5), ("Basın", 2))),
                    Idea("i-302", OrderedListLookalike, 5, Groups(("Kamu kurumu", 5))),
                ],
            },
        ],
        Audit =
        [
            Audit(0, "phase", null, "Setup → Brainstorm"),
            Audit(25, "hide", "i-105", null),
            Audit(31, "merge", "i-101", "i-104"),
            Audit(32, "phase", null, "Brainstorm → Voting"),
            Audit(50, "phase", null, "Voting → Results"),
            Audit(55, "output", "i-101", "Etki"),
            Audit(57, "output", "i-301", "İş Birliği"),
            Audit(60, "phase", null, "Results → Closed"),
        ],
    };

    /// <summary>Signed ideas (anonymousIdeas off), one of them by no one; an empty board.</summary>
    private static WorkshopExport Youth() => new()
    {
        WorkshopId = "ws-genclik",
        Title = "Eğitim ve Gençlik",
        Phase = WorkshopPhase.Results,
        Participants = 11,
        Ideas = 5,
        Votes = 24,
        Outputs =
        [
            new OutputExport
            {
                Area = "Etki",
                Text = "Köy okullarına ücretsiz internet ve dijital okuryazarlık atölyeleri",
                Votes = 8,
                VotesByGroup = Groups(("Kamu kurumu", 4), ("Sivil toplum kuruluşu", 2), ("", 2)),
                Source = OutputSource.TopVoted,
                SourceIdeaIds = ["i-401"],
            },
            new OutputExport
            {
                Area = "Sürdürülebilirlik",
                Text = "Gençlik meclisleri kalıcı bütçeyle desteklenmeli",
                Votes = 6,
                VotesByGroup = Groups(("Yerel yönetim", 6)),
                Source = OutputSource.Facilitator,
                SourceIdeaIds = ["i-501"],
            },
        ],
        Boards =
        [
            new BoardExport
            {
                Area = "Etki",
                Ideas =
                [
                    Idea("i-401", "Köy okullarına ücretsiz internet ve dijital okuryazarlık atölyeleri", 8,
                        Groups(("Kamu kurumu", 4), ("Sivil toplum kuruluşu", 2), ("", 2)), author: "Ayşe Yılmaz"),
                    Idea("i-402", "Üniversite öğrencilerine şehir içi ulaşımda %50 indirim", 5,
                        Groups(("Basın", 1), ("", 4)), author: "Çağrı Öztürk"),
                    Idea("i-403", "Gençlerin karar süreçlerine katılımı için çevrim içi danışma", 2,
                        Groups(("Diğer", 2))),
                ],
            },
            new BoardExport
            {
                Area = "Sürdürülebilirlik",
                Ideas =
                [
                    Idea("i-501", "Gençlik meclisleri kalıcı bütçeyle desteklenmeli", 6,
                        Groups(("Yerel yönetim", 6)), author: "İlkay Şahin"),
                    Idea("i-502", "Spam: bedava İPHONE kazanın!!!", 3, Groups(("", 3)), IdeaStatus.Hidden, "Ayşe Yılmaz"),
                ],
            },
            new BoardExport { Area = "İş Birliği", Ideas = [] },
        ],
        Audit =
        [
            Audit(70, "phase", null, "Setup → Brainstorm"),
            Audit(95, "hide", "i-502", null),
            Audit(100, "phase", null, "Voting → Results"),
            Audit(104, "output", "i-501", "Sürdürülebilirlik"),
        ],
    };

    public static IEnumerable<(WorkshopExport Workshop, BoardExport Board, IdeaExport Idea)> AllIdeas(EventExport export) =>
        from workshop in export.Workshops
        from board in workshop.Boards
        from idea in board.Ideas
        select (workshop, board, idea);

    private static IdeaExport Idea(
        string id, string text, int votes, Dictionary<string, int> groups, IdeaStatus status = IdeaStatus.Visible, string? author = null) => new()
        {
            IdeaId = id,
            Text = text,
            Author = author,
            Votes = votes,
            VotesByGroup = groups,
            Status = status,
        };

    private static AuditEntry Audit(int minutes, string action, string? ideaId, string? detail) => new()
    {
        At = ExportedAt.AddHours(-6).AddMinutes(minutes),
        Role = action == "phase" && minutes >= 100 ? Role.Moderator : Role.Facilitator,
        Action = action,
        IdeaId = ideaId,
        Detail = detail,
    };

    private static Dictionary<string, int> Groups(params (string Group, int Votes)[] votes) =>
        votes.ToDictionary(vote => vote.Group, vote => vote.Votes, StringComparer.Ordinal);
}
