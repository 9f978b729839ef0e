using Workshops.Contracts;

namespace Workshops.Reports.Tests;

/// <summary>
/// A realistic export of the consultation meeting of docs/samples/program.json: the program
/// gives the titles, areas and groups; this class adds what happened in the room.
/// </summary>
internal static class SampleMeeting
{
    /// <summary>The moment the moderator exported the outputs (17:05 in Ankara).</summary>
    public static readonly DateTimeOffset ExportedAt = new(2021, 11, 25, 14, 5, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset SessionStart = new(2021, 11, 25, 7, 10, 0, TimeSpan.Zero);

    // Per workshop: participants, how its groups voted (weights in the order of the program's
    // groups, then people who declared none), and per area its ideas and its output.
    private static readonly WorkshopPlan[] Plans =
    [
        new(26, [9, 5, 4, 2, 2, 1, 1, 2],
        [
            new([
                new("Engelli, yaşlı ve göçmen bireyler için tek başvuru noktası olan sosyal hizmet merkezleri kurulmalı", 17),
                new("Kamu hizmetlerine erişimde işaret dili tercümanı ve sesli betimleme zorunlu olmalı", 14),
                new("Kırsalda yaşayan kadınlara yönelik gezici sağlık ve danışmanlık hizmetleri yaygınlaştırılmalı", 12),
                new("Hassas grupların ihtiyaçları düzenli saha araştırmalarıyla ölçülmeli", 7),
                new("Sosyal hizmet başvuruları için tek pencere sistemi", 0, IdeaStatus.Merged, MergedInto: 0),
                new("deneme deneme", 0, IdeaStatus.Hidden),
            ], new("Engelli, yaşlı ve göçmen bireylerin tek başvuruyla tüm sosyal hizmetlere ulaşabileceği merkezler kurulmalı; işaret dili ve sesli betimleme bu merkezlerin standardı olmalı", [0, 1])),
            new([
                new("STK'lar proje bazlı değil, çok yıllı hibe programlarıyla desteklenmeli", 19),
                new("Belediyelerin sosyal yardım bütçelerinde hassas gruplara ayrılan pay şeffaf raporlanmalı", 13),
                new("Gönüllü ağlarının kalıcı olması için gönüllülük yasası çıkarılmalı", 10),
                new("Koruyucu aile sistemi güçlendirilmeli, ailelere mesleki destek verilmeli", 8),
            ], null),
            new([
                new("Kamu, STK ve üniversitelerin ortak kullandığı bir hassas gruplar veri platformu kurulmalı", 16),
                new("İl düzeyinde sosyal hizmet koordinasyon kurulları düzenli toplanmalı", 15),
                new("Özel sektör, engelli istihdamında STK'larla eşleştirilmeli", 11),
                new("Muhtarlıklar ihtiyaç tespitinde aktif rol almalı", 9),
            ], new("İl sosyal hizmet koordinasyon kurulları düzenli toplanmalı ve kamu, STK ve üniversitelerin ortak veri platformunu kullanmalı", [0, 1])),
        ]),
        new(22, [3, 4, 2, 5, 1, 1, 5, 1],
        [
            new([
                new("Sosyal girişimler için yasal statü ve tanım getirilmeli", 18),
                new("Kamu alımlarında sosyal girişimlere öncelik tanınmalı", 13),
                new("Sosyal etki ölçümü için ortak bir gösterge seti geliştirilmeli", 9),
                new("Kadın kooperatiflerinin ürünlerine e-ticaret desteği verilmeli", 7),
            ], new("Sosyal girişimlere yasal statü tanınmalı ve kamu alımlarında öncelik verilmeli", [0, 1])),
            new([
                new("Sosyal girişimlere yönelik bir etki yatırım fonu kurulmalı", 15),
                new("İlk üç yıl vergi ve SGK prim desteği sağlanmalı", 14),
                new("Mentorluk programlarında büyük şirketlerin gönüllü yöneticileri yer almalı", 8),
                new("Sosyal girişimcilik dersleri üniversite müfredatına eklenmeli", 6),
                new("Ucuz kredi için hemen arayın: 0850 000 00 00", 0, IdeaStatus.Hidden),
            ], new("Sosyal girişimler için etki yatırım fonu kurulmalı; ilk üç yılda vergi ve prim desteği sağlanmalı", [0, 1])),
            new([
                new("Büyük şirketlerin tedarik zincirine sosyal girişimleri dahil eden bir eşleştirme platformu kurulmalı", 17),
                new("Organize sanayi bölgelerinde sosyal girişim kuluçka merkezleri açılmalı", 12),
                new("Kalkınma ajansları sosyal girişim destek programlarını ortaklaştırmalı", 10),
                new("Tedarik zinciri eşleştirme portalı", 0, IdeaStatus.Merged, MergedInto: 0),
            ], null),
        ]),
        new(28, [6, 5, 6, 2, 3, 1, 3, 2],
        [
            new([
                new("Belediyeler iklim eylem planı hazırlamalı ve her yıl ilerleme raporu yayımlamalı", 20),
                new("Market ve lokantalardan gıda bankalarına bağış kolaylaştırılarak gıda israfı azaltılmalı", 16),
                new("Kuraklığa dayanıklı yerel tohumlar korunmalı ve çoğaltılmalı", 13),
                new("Okullarda iklim okuryazarlığı dersleri verilmeli", 11),
            ], new("Her belediye iklim eylem planı hazırlamalı ve ilerlemesini her yıl kamuoyuyla paylaşmalı", [0])),
            new([
                new("Enerji kooperatiflerinin kurulmasını kolaylaştıran mevzuat düzenlemesi yapılmalı", 18),
                new("Kamu binalarının çatılarına güneş paneli kurulması zorunlu olmalı", 17),
                new("Su havzası bazında su yönetimi planları hazırlanmalı", 12),
                new("Okullarda kompost ve sıfır atık uygulamaları yaygınlaşmalı", 9),
                new("Kamu binalarına GES", 0, IdeaStatus.Merged, MergedInto: 1),
            ], null),
            new([
                new("Çiftçi, belediye ve üniversite arasında iklim uyumu tarım ağları kurulmalı", 15),
                new("Yerel üretici okul ve hastane yemekhanelerine kısa tedarik zinciriyle bağlanmalı", 15),
                new("Sanayinin atık ısısı şehir ısıtmasında kullanılmalı", 10),
                new("İklim verileri açık veri olarak paylaşılmalı", 8),
            ], new("Yerel üretici, belediye ve üniversite iş birliğiyle kamu yemekhanelerine kısa tedarik zinciri ve iklim uyumlu tarım ağı kurulmalı", [0, 1])),
        ]),
        new(19, [7, 3, 4, 1, 1, 2, 3, 1],
        [
            new([
                new("Engelsiz müze ve tiyatro: sesli betimleme, dokunsal rehber ve işaret dili", 15),
                new("Kırsal bölgelere gezici kültür-sanat etkinlikleri düzenlenmeli", 12),
                new("Somut olmayan kültürel mirasın dijital arşivi oluşturulmalı", 8),
                new("Genç sanatçılara ilk eser desteği verilmeli", 6),
            ], null),
            new([
                new("Kültür-sanat STK'larına kurumsal (işletme) hibesi verilmeli", 14),
                new("Yerel yönetimlerin kültür bütçeleri asgari bir orana bağlanmalı", 11),
                new("Sanatçıların sosyal güvenceye erişimi için prim desteği sağlanmalı", 10),
                new("Kültür kartı ile gençlere ücretsiz etkinlik erişimi", 7),
            ], new("Kültür-sanat STK'larına çok yıllı kurumsal hibe verilmeli ve yerel yönetimlerin kültür bütçeleri asgari bir orana bağlanmalı", [0, 1])),
            new([
                new("Okullar ile kültür kurumları arasında yıllık ortak program yürütülmeli", 13),
                new("Özel sektör sponsorluğunda vergi indirimi artırılmalı", 9),
                new("Sanatçı ve zanaatkârların buluştuğu yerel tasarım atölyeleri açılmalı", 9),
                new("Müzelerin çocuk atölyelerinde gönüllü sanatçılar görev almalı", 5),
                new("asdfgh", 0, IdeaStatus.Hidden),
            ], new("Her okul bir kültür kurumuyla eşleşmeli ve yıllık ortak program yürütmeli", [0])),
        ]),
        new(31, [6, 7, 4, 2, 3, 1, 5, 3],
        [
            new([
                new("Köy okullarına ücretsiz internet ve dijital okuryazarlık eğitimi sağlanmalı", 21),
                new("Kent konseylerinin gençlik meclisleri yerel kararlarda söz sahibi olmalı", 17),
                new("Üniversite öğrencilerine yurt ve barınma desteği artırılmalı", 15),
                new("Okul öncesi eğitim 4 yaşından itibaren ücretsiz olmalı", 12),
                new("Dijital eğitimde fırsat eşitliği", 0, IdeaStatus.Merged, MergedInto: 0),
            ], new("Köy okullarına ücretsiz internet ve dijital okuryazarlık eğitimi sağlanmalı; gençlik meclisleri yerel kararlarda söz sahibi olmalı", [0, 1])),
            new([
                new("Gençlik merkezlerinin yönetimine gençler katılmalı", 16),
                new("Mesleki eğitimde işletmelerle kalıcı staj protokolleri imzalanmalı", 16),
                new("Öğretmenlere kapsayıcı eğitim konusunda hizmet içi eğitim verilmeli", 14),
                new("Gönüllülük faaliyetleri transkripte işlenmeli", 11),
            ], new("Mesleki eğitimde işletmelerle kalıcı staj protokolleri imzalanmalı", [1])),
            new([
                new("Üniversite, belediye ve STK'ların ortak gençlik istihdam ofisleri kurulmalı", 19),
                new("Erasmus+ ve Avrupa Dayanışma Programı başvurularına yerel destek masaları açılmalı", 14),
                new("Okul, aile ve STK iş birliğiyle erken okul terki takip sistemi kurulmalı", 13),
                new("Gençlere kariyer danışmanlığı için mezun ağları oluşturulmalı", 8),
            ], new("Üniversite, belediye ve STK'ların ortak yürüttüğü gençlik istihdam ofisleri kurulmalı; erken okul terki ortak bir takip sistemiyle izlenmeli", [0, 2])),
        ]),
    ];

    public static EventExport Create(EventProgram program)
    {
        var areas = program.OutputAreas ?? [.. EventProgram.DefaultOutputAreas];
        var groups = (program.StakeholderGroups ?? [.. EventProgram.DefaultStakeholderGroups]).Append("").ToList();
        var workshops = new List<WorkshopExport>();
        for (var w = 0; w < program.Workshops.Count; w++)
        {
            workshops.Add(Workshop(w, program.Workshops[w].Title, Plans[w], areas, groups));
        }

        return new EventExport
        {
            EventId = "e4c1f9a2",
            Title = program.Title,
            Date = program.Date,
            Venue = program.Venue,
            ExportedAt = ExportedAt,
            Workshops = workshops,
        };
    }

    private static WorkshopExport Workshop(int w, string title, WorkshopPlan plan, List<string> areas, List<string> groups)
    {
        var boards = new List<BoardExport>();
        var outputs = new List<OutputExport>();
        var audit = new List<AuditEntry>();
        var start = SessionStart.AddMinutes(w * 2);
        audit.Add(Audit(start, Role.Facilitator, "phase", null, "Setup → Brainstorm"));
        var minute = 5;
        for (var a = 0; a < areas.Count; a++)
        {
            var boardPlan = plan.Boards[a];
            var ideas = boardPlan.Ideas
                .Select((idea, i) => new IdeaExport
                {
                    IdeaId = IdeaId(w, a, i),
                    Text = idea.Text,
                    Votes = idea.Votes,
                    VotesByGroup = Distribute(idea.Votes, plan.GroupWeights, i + a, groups),
                    Status = idea.Status,
                })
                .ToList();
            foreach (var (idea, i) in boardPlan.Ideas.Select((idea, i) => (idea, i)))
            {
                minute += 3;
                if (idea.Status == IdeaStatus.Hidden)
                {
                    audit.Add(Audit(start.AddMinutes(minute), Role.Facilitator, "hide", IdeaId(w, a, i), null));
                }
                else if (idea.MergedInto is { } target)
                {
                    audit.Add(Audit(start.AddMinutes(minute), Role.Facilitator, "merge", IdeaId(w, a, target), IdeaId(w, a, i)));
                }
            }

            // Consensus as the grain computes it (section 10), from the board's voters per group:
            // with one dot per idea a group's votes on an idea are its people, and each voter
            // spent the board's 3 dots.
            var voters = ideas.SelectMany(idea => idea.VotesByGroup)
                .GroupBy(pair => pair.Key, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => (group.Sum(pair => pair.Value) + 2) / 3, StringComparer.Ordinal);
            ConsensusResult Of(IReadOnlyDictionary<string, int> supporters) => Contracts.Consensus.Compute(voters, supporters);
            ideas = [.. ideas.Select(idea => Of(idea.VotesByGroup) is var c ? idea with { Consensus = c.Consensus, Support = c.Support } : idea)];

            // The contract orders a board by votes, descending, ties: the earliest first.
            boards.Add(new BoardExport { Area = areas[a], Ideas = [.. ideas.OrderByDescending(idea => idea.Votes)] });
            var output = Output(areas[a], boardPlan, ideas);
            var outputConsensus = Of(output.VotesByGroup);
            outputs.Add(output with { Consensus = outputConsensus.Consensus, Support = outputConsensus.Support });
        }

        audit.Add(Audit(start.AddMinutes(50), Role.Facilitator, "phase", null, "Brainstorm → Voting"));
        audit.Add(Audit(start.AddMinutes(80), Role.Facilitator, "phase", null, "Voting → Results"));
        for (var a = 0; a < areas.Count; a++)
        {
            if (plan.Boards[a].Output is { } chosen)
            {
                audit.Add(Audit(start.AddMinutes(85 + a), Role.Facilitator, "output", IdeaId(w, a, chosen.SourceIdeas[0]), areas[a]));
            }
        }

        audit.Add(Audit(start.AddMinutes(110), Role.Moderator, "phase", null, "Results → Closed"));
        return new WorkshopExport
        {
            WorkshopId = "w" + IdeaId(w, 9, 9),
            Title = title,
            Phase = WorkshopPhase.Closed,
            Participants = plan.Participants,
            Ideas = boards.Sum(board => board.Ideas.Count),
            Votes = boards.Sum(board => board.Ideas.Sum(idea => idea.Votes)),
            Outputs = outputs,
            Boards = boards,
            Audit = audit,
        };
    }

    /// <summary>The facilitator's text with the votes of its ideas, else the top-voted idea as it is.</summary>
    private static OutputExport Output(string area, BoardPlan plan, List<IdeaExport> ideas)
    {
        if (plan.Output is { } chosen)
        {
            var sources = chosen.SourceIdeas.Select(i => ideas[i]).ToList();
            return new OutputExport
            {
                Area = area,
                Text = chosen.Text,
                Votes = sources.Sum(idea => idea.Votes),
                VotesByGroup = sources
                    .SelectMany(idea => idea.VotesByGroup)
                    .GroupBy(pair => pair.Key, StringComparer.Ordinal)
                    .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value), StringComparer.Ordinal),
                Source = OutputSource.Facilitator,
                SourceIdeaIds = [.. sources.Select(idea => idea.IdeaId)],
            };
        }

        var top = ideas.Where(idea => idea.Status == IdeaStatus.Visible).OrderByDescending(idea => idea.Votes).First();
        return new OutputExport
        {
            Area = area,
            Text = top.Text,
            Votes = top.Votes,
            VotesByGroup = top.VotesByGroup,
            Source = OutputSource.TopVoted,
            SourceIdeaIds = [top.IdeaId],
        };
    }

    /// <summary>Splits an idea's votes over the groups by the workshop's weights (largest remainder), varied per idea.</summary>
    private static Dictionary<string, int> Distribute(int votes, int[] weights, int shift, List<string> groups)
    {
        // A little variation per idea, while the workshop's main groups stay in front.
        var shifted = weights.Select((weight, g) => (2 * weight) + ((g + shift) % 3)).ToList();
        var total = shifted.Sum();
        var shares = shifted.Select(weight => votes * weight / total).ToArray();
        var order = shifted
            .Select((weight, g) => (g, remainder: votes * weight % total))
            .OrderByDescending(pair => pair.remainder)
            .ThenBy(pair => pair.g)
            .ToList();
        var left = votes - shares.Sum();
        for (var k = 0; k < left; k++)
        {
            shares[order[k].g]++;
        }

        return groups
            .Select((group, g) => (group, votes: shares[g]))
            .Where(pair => pair.votes > 0)
            .OrderByDescending(pair => pair.votes)
            .ToDictionary(pair => pair.group, pair => pair.votes, StringComparer.Ordinal);
    }

    /// <summary>Opaque-looking, stable ids: six hex digits.</summary>
    private static string IdeaId(int workshop, int area, int idea) =>
        ((uint)((((workshop * 97) + (area * 31) + (idea * 7) + 1) * 2654435761L) & 0xFFFFFF)).ToString("x6", System.Globalization.CultureInfo.InvariantCulture);

    private static AuditEntry Audit(DateTimeOffset at, Role role, string action, string? ideaId, string? detail) => new()
    {
        At = at,
        Role = role,
        Action = action,
        IdeaId = ideaId,
        Detail = detail,
    };

    private sealed record WorkshopPlan(int Participants, int[] GroupWeights, BoardPlan[] Boards);

    private sealed record BoardPlan(IdeaPlan[] Ideas, OutputPlan? Output);

    private sealed record IdeaPlan(string Text, int Votes, IdeaStatus Status = IdeaStatus.Visible, int? MergedInto = null);

    private sealed record OutputPlan(string Text, int[] SourceIdeas);
}
