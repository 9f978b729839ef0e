using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Workshops.Reports;

/// <summary>
/// The style part of the Word report. Word knows Title and "heading 1..3" by these names, so
/// its navigation pane, table of contents and style gallery work on the document.
/// </summary>
internal static class DocxStyles
{
    public const string Normal = "Normal";
    public const string Title = "Title";
    public const string Subtitle = "Subtitle";
    public const string Heading1 = "Heading1";
    public const string Heading2 = "Heading2";
    public const string Heading3 = "Heading3";
    public const string TableText = "TableText";
    public const string Footer = "Footer";

    private const string Font = "Calibri";
    private const string Accent = "1F3864";

    public static Styles Create(string language)
    {
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = Font, HighAnsi = Font, EastAsia = Font, ComplexScript = Font },
                    new FontSize { Val = "22" },
                    new FontSizeComplexScript { Val = "22" },
                    // Spell checking and hyphenation in the event's language.
                    new Languages { Val = language, EastAsia = language, Bidi = language })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))));

        styles.Append(new Style(
            new StyleName { Val = "Normal" },
            new PrimaryStyle())
        { Type = StyleValues.Paragraph, StyleId = Normal, Default = true });

        styles.Append(ParagraphStyle(Title, "Title", uiPriority: 10, outlineLevel: null,
            new ParagraphProperties(new SpacingBetweenLines { Before = "2400", After = "240" }),
            new RunProperties(new Bold(), new Color { Val = Accent }, new FontSize { Val = "52" }, new FontSizeComplexScript { Val = "52" })));
        styles.Append(ParagraphStyle(Subtitle, "Subtitle", uiPriority: 11, outlineLevel: null,
            new ParagraphProperties(new SpacingBetweenLines { After = "480" }),
            new RunProperties(new Color { Val = "595959" }, new FontSize { Val = "30" }, new FontSizeComplexScript { Val = "30" })));
        styles.Append(ParagraphStyle(Heading1, "heading 1", uiPriority: 9, outlineLevel: 0,
            new ParagraphProperties(new KeepNext(), new KeepLines(), new SpacingBetweenLines { Before = "360", After = "160" }),
            new RunProperties(new Bold(), new Color { Val = Accent }, new FontSize { Val = "34" }, new FontSizeComplexScript { Val = "34" })));
        styles.Append(ParagraphStyle(Heading2, "heading 2", uiPriority: 9, outlineLevel: 1,
            new ParagraphProperties(new KeepNext(), new KeepLines(), new SpacingBetweenLines { Before = "280", After = "120" }),
            new RunProperties(new Bold(), new Color { Val = "2E74B5" }, new FontSize { Val = "28" }, new FontSizeComplexScript { Val = "28" })));
        styles.Append(ParagraphStyle(Heading3, "heading 3", uiPriority: 9, outlineLevel: 2,
            new ParagraphProperties(new KeepNext(), new KeepLines(), new SpacingBetweenLines { Before = "200", After = "80" }),
            new RunProperties(new Bold(), new Color { Val = Accent }, new FontSize { Val = "24" }, new FontSizeComplexScript { Val = "24" })));
        styles.Append(ParagraphStyle(TableText, "Table Text", uiPriority: 20, outlineLevel: null,
            new ParagraphProperties(new SpacingBetweenLines { Before = "20", After = "20", Line = "240", LineRule = LineSpacingRuleValues.Auto }),
            new RunProperties(new FontSize { Val = "20" }, new FontSizeComplexScript { Val = "20" })));
        styles.Append(ParagraphStyle(Footer, "footer", uiPriority: 99, outlineLevel: null,
            new ParagraphProperties(new SpacingBetweenLines { After = "0" }, new Justification { Val = JustificationValues.Center }),
            new RunProperties(new Color { Val = "7F7F7F" }, new FontSize { Val = "18" }, new FontSizeComplexScript { Val = "18" })));
        return styles;
    }

    private static Style ParagraphStyle(
        string id, string name, int uiPriority, int? outlineLevel, ParagraphProperties paragraph, RunProperties run)
    {
        // Schema order of w:style: name, basedOn, next, uiPriority, qFormat, pPr, rPr.
        var paragraphProperties = new StyleParagraphProperties(paragraph.ChildElements.Select(child => child.CloneNode(true)));
        if (outlineLevel is { } level)
        {
            paragraphProperties.Append(new OutlineLevel { Val = level });
        }

        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = Normal },
            new NextParagraphStyle { Val = id is Heading1 or Heading2 or Heading3 or Title or Subtitle ? Normal : id },
            new UIPriority { Val = uiPriority },
            new PrimaryStyle(),
            paragraphProperties,
            new StyleRunProperties(run.ChildElements.Select(child => child.CloneNode(true))))
        { Type = StyleValues.Paragraph, StyleId = id, CustomStyle = id == TableText ? OnOffValue.FromBoolean(true) : null };
    }
}
