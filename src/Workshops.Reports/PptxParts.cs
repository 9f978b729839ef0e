using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace Workshops.Reports;

/// <summary>
/// The fixed skeleton of the closing deck: one theme, one slide master with one blank layout,
/// and a notes master. Everything on the slides is drawn explicitly, so the skeleton holds
/// only what PowerPoint, LibreOffice and the validator require.
/// </summary>
internal static class PptxParts
{
    public const string Font = "Calibri";
    public const string Ink = "1F2937";
    public const string Accent = "2F5597";
    public const string Muted = "6B7280";
    public const string Track = "E5E7EB";

    public static A.Theme Theme() => new(
        new A.ThemeElements(
            new A.ColorScheme(
                new A.Dark1Color(new A.RgbColorModelHex { Val = "000000" }),
                new A.Light1Color(new A.RgbColorModelHex { Val = "FFFFFF" }),
                new A.Dark2Color(new A.RgbColorModelHex { Val = Ink }),
                new A.Light2Color(new A.RgbColorModelHex { Val = "F3F4F6" }),
                new A.Accent1Color(new A.RgbColorModelHex { Val = Accent }),
                new A.Accent2Color(new A.RgbColorModelHex { Val = "C55A11" }),
                new A.Accent3Color(new A.RgbColorModelHex { Val = "548235" }),
                new A.Accent4Color(new A.RgbColorModelHex { Val = "7030A0" }),
                new A.Accent5Color(new A.RgbColorModelHex { Val = "BF9000" }),
                new A.Accent6Color(new A.RgbColorModelHex { Val = "2E75B6" }),
                new A.Hyperlink(new A.RgbColorModelHex { Val = "0563C1" }),
                new A.FollowedHyperlinkColor(new A.RgbColorModelHex { Val = "954F72" }))
            { Name = "Workshops" },
            new A.FontScheme(
                new A.MajorFont(new A.LatinFont { Typeface = Font }, new A.EastAsianFont { Typeface = "" }, new A.ComplexScriptFont { Typeface = "" }),
                new A.MinorFont(new A.LatinFont { Typeface = Font }, new A.EastAsianFont { Typeface = "" }, new A.ComplexScriptFont { Typeface = "" }))
            { Name = "Workshops" },
            new A.FormatScheme(
                new A.FillStyleList(SchemeFill(), SchemeFill(), SchemeFill()),
                new A.LineStyleList(SchemeLine(), SchemeLine(), SchemeLine()),
                new A.EffectStyleList(new A.EffectStyle(new A.EffectList()), new A.EffectStyle(new A.EffectList()), new A.EffectStyle(new A.EffectList())),
                new A.BackgroundFillStyleList(SchemeFill(), SchemeFill(), SchemeFill()))
            { Name = "Workshops" }),
        new A.ObjectDefaults(),
        new A.ExtraColorSchemeList())
    { Name = "Workshops" };

    public static P.SlideMaster SlideMaster(string layoutRelationshipId) => new(
        new P.CommonSlideData(EmptyTree()),
        ColorMap(),
        new P.SlideLayoutIdList(new P.SlideLayoutId { Id = 2147483649U, RelationshipId = layoutRelationshipId }));

    public static P.SlideLayout BlankLayout() => new(
        new P.CommonSlideData(EmptyTree()) { Name = "Blank" },
        new P.ColorMapOverride(new A.MasterColorMapping()))
    { Type = P.SlideLayoutValues.Blank, Preserve = true };

    public static P.NotesMaster NotesMaster() => new(new P.CommonSlideData(EmptyTree()), ColorMap());

    /// <summary>A tree with only the group properties every slide's shape tree starts with.</summary>
    public static P.ShapeTree EmptyTree() => new(
        new P.NonVisualGroupShapeProperties(
            new P.NonVisualDrawingProperties { Id = 1U, Name = "" },
            new P.NonVisualGroupShapeDrawingProperties(),
            new P.ApplicationNonVisualDrawingProperties()),
        new P.GroupShapeProperties(new A.TransformGroup()));

    private static P.ColorMap ColorMap() => new()
    {
        Background1 = A.ColorSchemeIndexValues.Light1,
        Text1 = A.ColorSchemeIndexValues.Dark1,
        Background2 = A.ColorSchemeIndexValues.Light2,
        Text2 = A.ColorSchemeIndexValues.Dark2,
        Accent1 = A.ColorSchemeIndexValues.Accent1,
        Accent2 = A.ColorSchemeIndexValues.Accent2,
        Accent3 = A.ColorSchemeIndexValues.Accent3,
        Accent4 = A.ColorSchemeIndexValues.Accent4,
        Accent5 = A.ColorSchemeIndexValues.Accent5,
        Accent6 = A.ColorSchemeIndexValues.Accent6,
        Hyperlink = A.ColorSchemeIndexValues.Hyperlink,
        FollowedHyperlink = A.ColorSchemeIndexValues.FollowedHyperlink,
    };

    private static A.SolidFill SchemeFill() => new(new A.SchemeColor { Val = A.SchemeColorValues.PhColor });

    private static A.Outline SchemeLine() => new(new A.SolidFill(new A.SchemeColor { Val = A.SchemeColorValues.PhColor })) { Width = 9525 };

    /// <summary>Adds the skeleton to a new presentation part; returns the blank layout and the notes master.</summary>
    public static (SlideLayoutPart Layout, NotesMasterPart NotesMaster) AddTo(PresentationPart presentation)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        var theme = presentation.AddNewPart<ThemePart>("rIdTheme");
        theme.Theme = Theme();
        var master = presentation.AddNewPart<SlideMasterPart>("rIdMaster");
        var layout = master.AddNewPart<SlideLayoutPart>("rIdLayout");
        layout.SlideLayout = BlankLayout();
        layout.AddPart(master, "rIdMaster");
        master.AddPart(theme, "rIdTheme");
        master.SlideMaster = SlideMaster("rIdLayout");
        var notesMaster = presentation.AddNewPart<NotesMasterPart>("rIdNotesMaster");
        var notesTheme = notesMaster.AddNewPart<ThemePart>("rIdTheme");
        notesTheme.Theme = Theme();
        notesMaster.NotesMaster = NotesMaster();
        return (layout, notesMaster);
    }
}
