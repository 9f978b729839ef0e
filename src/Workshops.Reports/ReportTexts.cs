using System.Globalization;
using Workshops.Contracts;

namespace Workshops.Reports;

/// <summary>
/// The fixed words of the human reports (Markdown and Word) in one language. Kept here
/// rather than in .resx files: there are two languages, and the words must not depend on the
/// culture of the server that happens to render them.
/// </summary>
internal sealed class ReportTexts
{
    public static ReportTexts Turkish { get; } = new()
    {
        Language = "tr-TR",
        ReportSubtitle = "Çalıştay çıktıları raporu",
        Date = "Tarih",
        Venue = "Yer",
        ExportedAt = "Dışa aktarma",
        WorkshopCount = "Atölye sayısı",
        GroupSourceLabel = "Paydaş gruplarının kaynağı",
        GroupsFromBadges = "düzenleyicinin kişisel kartlarda belirlediği {0} kişi",
        GroupsDeclared = "grubunu kendisi bildiren {0} kişi",
        NoGroups = "kimsenin grubu yok",
        Phase = "Aşama",
        Participants = "Katılımcı",
        Ideas = "Fikir",
        Votes = "Oy",
        DigitalVotes = "dijital",
        HallVotes = "salon",
        HallVotesHeader = "Salon oyu",
        FromPaper = "kağıttan",
        VoteUnit = "oy",
        VotesUnit = "oy",
        AllOutputs = "Tüm atölyelerin çıktıları",
        Outputs = "Çıktılar",
        IdeasOfBoard = "Fikirler",
        Workshop = "Atölye",
        Area = "Alan",
        Output = "Çıktı",
        Source = "Kaynak",
        Rank = "Sıra",
        Idea = "Fikir",
        Author = "Yazar",
        Status = "Durum",
        VotesByGroup = "Paydaş gruplarına göre oy",
        UndeclaredGroup = "grup belirtmeyen",
        ChosenByFacilitator = "kolaylaştırıcı tarafından seçildi",
        TopVotedNotChosen = "en çok oy alan fikir — kolaylaştırıcı seçmedi",
        SourceIdeas = "Dayandığı fikirler",
        NoIdeas = "Bu panoda fikir yok.",
        NoOutputs = "Bu atölyenin çıktısı yok.",
        NoVotes = "oy yok",
        Audit = "İşlem kaydı",
        NoAudit = "Kayıtlı işlem yok.",
        Page = "Sayfa",
        Visible = "görünür",
        Hidden = "gizlendi",
        Merged = "birleştirildi",
        Months = ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"],
        Phases = ["Hazırlık", "Beyin fırtınası", "Oylama", "Sonuçlar", "Kapandı"],
        Roles = ["katılımcı", "kolaylaştırıcı", "moderatör", "yönetici"],
        Consensus = "Uzlaşı",
        NoConsensus = "hesaplanamadı (en az 3 oy vereni olan 2 grup gerekir)",
        SupportByGroup = "Gruplara göre destek",
        SupportersOf = "kişiden",
        DeckSubtitle = "Kapanış oturumu — atölye çıktıları",
        ClosingTitle = "Toplantının toplamı",
        Attendances = "Atölye katılımı",
        Groups = "Paydaş grubu",
        TopIdeas = "En çok oy alan fikirler",
        Yes = "evet",
        No = "hayır",
        DecimalSeparator = ",",
        AuditActions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["add"] = "fikir ekleme",
            ["add-paper"] = "kağıttan fikir ekleme",
            ["hall-votes"] = "salon oyu",
            ["edit"] = "düzenleme",
            ["delete"] = "silme",
            ["hide"] = "gizleme",
            ["restore"] = "geri alma",
            ["merge"] = "birleştirme",
            ["phase"] = "aşama",
            ["output"] = "çıktı seçimi",
            ["output-clear"] = "çıktı seçiminin kaldırılması",
            ["settings"] = "ayarlar",
            ["timer-start"] = "süre başlatma",
            ["timer-stop"] = "süre durdurma",
            [AuditNames.BadgeRevoked] = "kişisel kartın iptali",
            [AuditNames.PersonalDataPurge] = "kişisel verilerin silinmesi",
            [AuditNames.RetentionPurge] = "saklama süresi dolunca kişisel verilerin silinmesi",
        },
        SettingNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["votesPerBoard"] = "pano başına oy",
            ["maxVotesPerIdea"] = "fikir başına en çok oy",
            ["anonymousIdeas"] = "anonim fikirler",
            ["liveResults"] = "canlı sonuçlar",
            ["maxIdeaLength"] = "en uzun fikir",
        },
        Seconds = "sn",
        EventAudit = "Etkinliğin işlem kaydı",
        SystemRole = "sistem (saklama süresi)",
        PersonUnit = "kişi",
        PeopleUnit = "kişi",
        AuditTime = "Zaman",
        AuditRole = "Rol",
        AuditAction = "İşlem",
        AuditDetailHeader = "Ayrıntı",
    };

    public static ReportTexts English { get; } = new()
    {
        Language = "en-GB",
        ReportSubtitle = "Workshop outputs report",
        Date = "Date",
        Venue = "Venue",
        ExportedAt = "Exported at",
        WorkshopCount = "Workshops",
        GroupSourceLabel = "Stakeholder groups",
        GroupsFromBadges = "set by the organizers on personal badges for {0} people",
        GroupsDeclared = "declared by {0} people themselves",
        NoGroups = "nobody has a group",
        Phase = "Phase",
        Participants = "Participants",
        Ideas = "Ideas",
        Votes = "Votes",
        DigitalVotes = "digital",
        HallVotes = "in the hall",
        HallVotesHeader = "Hall votes",
        FromPaper = "from paper",
        VoteUnit = "vote",
        VotesUnit = "votes",
        AllOutputs = "Outputs of all workshops",
        Outputs = "Outputs",
        IdeasOfBoard = "Ideas",
        Workshop = "Workshop",
        Area = "Area",
        Output = "Output",
        Source = "Source",
        Rank = "Rank",
        Idea = "Idea",
        Author = "Author",
        Status = "Status",
        VotesByGroup = "Votes by stakeholder group",
        UndeclaredGroup = "no group declared",
        ChosenByFacilitator = "chosen by the facilitator",
        TopVotedNotChosen = "top-voted, not chosen by the facilitator",
        SourceIdeas = "Based on ideas",
        NoIdeas = "No ideas on this board.",
        NoOutputs = "This workshop has no outputs.",
        NoVotes = "no votes",
        Audit = "Audit trail",
        NoAudit = "No recorded actions.",
        Page = "Page",
        Visible = "visible",
        Hidden = "hidden",
        Merged = "merged",
        Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        Phases = ["Setup", "Brainstorm", "Voting", "Results", "Closed"],
        Roles = ["participant", "facilitator", "moderator", "admin"],
        Consensus = "Consensus",
        NoConsensus = "not computed (needs 2 groups with at least 3 voters each)",
        SupportByGroup = "Support by group",
        SupportersOf = "of",
        DeckSubtitle = "Closing plenary — workshop outputs",
        ClosingTitle = "The meeting in numbers",
        Attendances = "Workshop attendances",
        Groups = "Stakeholder groups",
        TopIdeas = "Top-voted ideas",
        Yes = "yes",
        No = "no",
        DecimalSeparator = ".",
        AuditActions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["add"] = "idea added",
            ["add-paper"] = "paper idea added",
            ["hall-votes"] = "hall votes",
            ["edit"] = "edit",
            ["delete"] = "deletion",
            ["hide"] = "hidden",
            ["restore"] = "restored",
            ["merge"] = "merge",
            ["phase"] = "phase",
            ["output"] = "output chosen",
            ["output-clear"] = "output choice cleared",
            ["settings"] = "settings",
            ["timer-start"] = "timer started",
            ["timer-stop"] = "timer stopped",
            [AuditNames.BadgeRevoked] = "badge revoked",
            [AuditNames.PersonalDataPurge] = "personal data purged",
            [AuditNames.RetentionPurge] = "personal data purged at the end of the retention period",
        },
        SettingNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["votesPerBoard"] = "votes per board",
            ["maxVotesPerIdea"] = "votes per idea at most",
            ["anonymousIdeas"] = "anonymous ideas",
            ["liveResults"] = "live results",
            ["maxIdeaLength"] = "longest idea",
        },
        Seconds = "s",
        EventAudit = "The event's audit trail",
        SystemRole = "system (retention period)",
        PersonUnit = "person",
        PeopleUnit = "people",
        AuditTime = "Time",
        AuditRole = "Role",
        AuditAction = "Action",
        AuditDetailHeader = "Detail",
    };

    /// <summary>English for "en" and "en-…", Turkish otherwise (the product's default language).</summary>
    public static ReportTexts For(string? language) =>
        language is not null
        && (string.Equals(language, "en", StringComparison.OrdinalIgnoreCase)
            || language.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            ? English
            : Turkish;

    /// <summary>The BCP 47 tag written into the Word document for spell checking.</summary>
    public required string Language { get; init; }

    public required string ReportSubtitle { get; init; }
    public required string Date { get; init; }
    public required string Venue { get; init; }
    public required string ExportedAt { get; init; }
    public required string WorkshopCount { get; init; }

    /// <summary>Where the per-group counts' groups come from (section 8): badges or the people themselves.</summary>
    public required string GroupSourceLabel { get; init; }
    public required string GroupsFromBadges { get; init; }
    public required string GroupsDeclared { get; init; }
    public required string NoGroups { get; init; }

    /// <summary>"set by the organizers on personal badges for 12 people · declared by 3 people themselves".</summary>
    public string GroupSourceText(GroupSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parts = new List<string>(2);
        if (source.FromBadges > 0)
        {
            parts.Add(string.Format(CultureInfo.InvariantCulture, GroupsFromBadges, Number(source.FromBadges)));
        }

        if (source.Declared > 0)
        {
            parts.Add(string.Format(CultureInfo.InvariantCulture, GroupsDeclared, Number(source.Declared)));
        }

        return parts.Count == 0 ? NoGroups : string.Join(" · ", parts);
    }
    public required string Phase { get; init; }
    public required string Participants { get; init; }
    public required string Ideas { get; init; }
    public required string Votes { get; init; }
    /// <summary>Section 9: the words of "42 = 12 dijital + 30 salon".</summary>
    public required string DigitalVotes { get; init; }
    public required string HallVotes { get; init; }
    public required string HallVotesHeader { get; init; }
    /// <summary>The marker of an idea written on paper in the room (section 9).</summary>
    public required string FromPaper { get; init; }
    public required string VoteUnit { get; init; }
    public required string VotesUnit { get; init; }
    public required string AllOutputs { get; init; }
    public required string Outputs { get; init; }
    public required string IdeasOfBoard { get; init; }
    public required string Workshop { get; init; }
    public required string Area { get; init; }
    public required string Output { get; init; }
    public required string Source { get; init; }
    public required string Rank { get; init; }
    public required string Idea { get; init; }
    public required string Author { get; init; }
    public required string Status { get; init; }
    public required string VotesByGroup { get; init; }
    public required string UndeclaredGroup { get; init; }
    public required string ChosenByFacilitator { get; init; }
    public required string TopVotedNotChosen { get; init; }
    public required string SourceIdeas { get; init; }
    public required string NoIdeas { get; init; }
    public required string NoOutputs { get; init; }
    public required string NoVotes { get; init; }
    public required string Audit { get; init; }
    public required string NoAudit { get; init; }
    public required string Page { get; init; }
    public required string Visible { get; init; }
    public required string Hidden { get; init; }
    public required string Merged { get; init; }
    public required IReadOnlyList<string> Months { get; init; }
    public required IReadOnlyList<string> Phases { get; init; }
    public required IReadOnlyList<string> Roles { get; init; }
    public required string Consensus { get; init; }
    public required string NoConsensus { get; init; }
    public required string SupportByGroup { get; init; }
    public required string SupportersOf { get; init; }
    public required string DeckSubtitle { get; init; }
    public required string ClosingTitle { get; init; }
    public required string Attendances { get; init; }
    public required string Groups { get; init; }
    public required string TopIdeas { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string DecimalSeparator { get; init; }
    /// <summary>The audit's action names (wire names, English) in this language.</summary>
    public required IReadOnlyDictionary<string, string> AuditActions { get; init; }
    public required IReadOnlyDictionary<string, string> SettingNames { get; init; }
    public required string Seconds { get; init; }

    /// <summary>The event's own audit (badge revocations, purges), after the workshops.</summary>
    public required string EventAudit { get; init; }

    /// <summary>Who did what no role did: the automatic purge at the end of the retention period.</summary>
    public required string SystemRole { get; init; }
    public required string PersonUnit { get; init; }
    public required string PeopleUnit { get; init; }
    public required string AuditTime { get; init; }
    public required string AuditRole { get; init; }
    public required string AuditAction { get; init; }
    public required string AuditDetailHeader { get; init; }

    /// <summary>0.447 as "0,447" in Turkish, "0.447" in English, whatever the server's culture.</summary>
    public string Decimal(double value) =>
        value.ToString("0.000", CultureInfo.InvariantCulture).Replace(".", DecimalSeparator, StringComparison.Ordinal);

    /// <summary>"Uzlaşı: 0,447" or the reason there is none.</summary>
    public string ConsensusText(double? consensus) => Consensus + ": " + (consensus is { } value ? Decimal(value) : NoConsensus);

    /// <summary>"Kamu kurumu 0,600 (3 kişiden 2)" / "Kamu kurumu 0.600 (2 of 3)".</summary>
    public string SupportText(GroupSupport support)
    {
        ArgumentNullException.ThrowIfNull(support);
        var counts = string.Equals(Language, "en-GB", StringComparison.Ordinal)
            ? Number(support.Supporters) + " " + SupportersOf + " " + Number(support.Voters)
            : Number(support.Voters) + " " + SupportersOf + " " + Number(support.Supporters);
        return GroupName(support.Group) + " " + Decimal(support.Support) + " (" + counts + ")";
    }

    /// <summary>Every qualifying group's support, most first, or nothing.</summary>
    public string SupportBreakdown(IReadOnlyList<GroupSupport> support) =>
        support.Count == 0
            ? ""
            : string.Join(" · ", support.OrderByDescending(s => s.Support).ThenBy(s => s.Group, StringComparer.Ordinal).Select(SupportText));

    public string ActionName(string action) => AuditActions.TryGetValue(action, out var name) ? name : action;

    /// <summary>
    /// The audit detail in this language where the server wrote words: phase names
    /// ("Setup → Brainstorm"), settings ("votesPerBoard=3 …"), timer seconds ("90s").
    /// Texts people wrote are left as they are.
    /// </summary>
    public string AuditDetail(string action, string? detail)
    {
        if (string.IsNullOrEmpty(detail))
        {
            return "";
        }

        switch (action)
        {
            case "phase":
                var phases = detail.Split(" → ");
                return phases.Length == 2 && Enum.TryParse<WorkshopPhase>(phases[0], out var from) && Enum.TryParse<WorkshopPhase>(phases[1], out var to)
                    && Enum.IsDefined(from) && Enum.IsDefined(to)
                    ? PhaseName(from) + " → " + PhaseName(to)
                    : detail;
            case "settings":
                return string.Join(" · ", detail.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(SettingText));
            case "timer-start" when detail.EndsWith('s'):
                return detail[..^1] + " " + Seconds;
            case AuditNames.PersonalDataPurge or AuditNames.RetentionPurge
                when int.TryParse(detail, NumberStyles.None, CultureInfo.InvariantCulture, out var people):
                return Number(people) + " " + (people == 1 ? PersonUnit : PeopleUnit);
            default:
                return detail;
        }
    }

    private string SettingText(string pair)
    {
        var at = pair.IndexOf('=', StringComparison.Ordinal);
        if (at < 0 || !SettingNames.TryGetValue(pair[..at], out var name))
        {
            return pair;
        }

        var value = pair[(at + 1)..];
        value = value switch
        {
            "True" or "true" => Yes,
            "False" or "false" => No,
            _ => value,
        };
        return name + "=" + value;
    }

    public string StatusName(IdeaStatus status) => status switch
    {
        IdeaStatus.Hidden => Hidden,
        IdeaStatus.Merged => Merged,
        _ => Visible,
    };

    public string PhaseName(WorkshopPhase phase) =>
        (int)phase >= 0 && (int)phase < Phases.Count ? Phases[(int)phase] : phase.ToString();

    public string RoleName(Role? role) =>
        role is not { } known ? SystemRole
        : (int)known >= 0 && (int)known < Roles.Count ? Roles[(int)known] : WireNames.Of(known);

    public string SourceName(OutputSource source) =>
        source == OutputSource.Facilitator ? ChosenByFacilitator : TopVotedNotChosen;

    public string GroupName(string group) => group.Length == 0 ? UndeclaredGroup : group;

    /// <summary>"2021-11-25" becomes "25 Kasım 2021"; anything else is shown as given.</summary>
    public string LongDate(string? date)
    {
        if (string.IsNullOrWhiteSpace(date))
        {
            return "";
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return date;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{day.Day} {Months[day.Month - 1]} {day.Year}");
    }

    /// <summary>"25 Kasım 2021 (2021-11-25)": readable, and still exact.</summary>
    public string DateText(string date)
    {
        var longDate = LongDate(date);
        return string.Equals(longDate, date, StringComparison.Ordinal) ? date : longDate + " (" + date + ")";
    }

    /// <summary>UTC, minutes, the same digits in every culture.</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"12 oy", "1 vote", "12 votes".</summary>
    public string VoteCount(int votes) => Number(votes) + " " + (votes == 1 ? VoteUnit : VotesUnit);

    /// <summary>
    /// Votes ranked together, shown apart (section 9): "42 oy (12 dijital + 30 salon)"; just
    /// "12 oy" when no hands were counted.
    /// </summary>
    public string VoteCount(int total, int hallVotes) =>
        hallVotes == 0 ? VoteCount(total) : VoteCount(total) + " (" + VoteSplit(total, hallVotes) + ")";

    /// <summary>"42 (12 dijital + 30 salon)"; just "12" when no hands were counted.</summary>
    public string VoteTotal(int total, int hallVotes) =>
        hallVotes == 0 ? Number(total) : Number(total) + " (" + VoteSplit(total, hallVotes) + ")";

    /// <summary>"12 dijital + 30 salon".</summary>
    public string VoteSplit(int total, int hallVotes) =>
        Number(total - hallVotes) + " " + DigitalVotes + " + " + Number(hallVotes) + " " + HallVotes;

    /// <summary>"Sivil toplum kuruluşu 5 · Kamu kurumu 4 · grup belirtmeyen 1", most votes first.</summary>
    public string GroupBreakdown(IReadOnlyDictionary<string, int> votesByGroup)
    {
        var parts = votesByGroup
            .Where(pair => pair.Value != 0)
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key.Length == 0 ? 1 : 0)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => GroupName(pair.Key) + " " + Number(pair.Value))
            .ToList();
        return parts.Count == 0 ? NoVotes : string.Join(" · ", parts);
    }
}
