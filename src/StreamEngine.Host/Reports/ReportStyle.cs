namespace StreamEngine.Host.Reports;

/// <summary>
/// The report's one style sheet, inlined so the page stands alone. It holds no '&lt;' or '&amp;', so
/// it sits in the page as plain XML text. Print keeps charts and table rows whole on a page and
/// keeps the bars' colours.
/// </summary>
internal static class ReportStyle
{
    public const string Css = """

        :root { color-scheme: light; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #222; background: #fff; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; }
        h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
        h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid #ccc; }
        h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
        .muted { color: #666; font-weight: normal; }
        dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: .5rem; margin: 0; }
        dl.figures div { border: 1px solid #ddd; border-radius: 4px; padding: .45rem .7rem; }
        dt { color: #666; font-size: .8rem; }
        dd { margin: 0; font-size: 1.35rem; font-weight: 600; font-variant-numeric: tabular-nums; }
        figure { margin: .5rem 0 1rem; }
        figcaption { color: #666; font-size: .8rem; }
        svg { display: block; width: 100%; max-width: 760px; height: auto; }
        table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
        th, td { padding: .2rem .5rem; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
        th { font-size: .8rem; color: #555; border-bottom-color: #bbb; }
        .n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        th.n { white-space: normal; }
        td { overflow-wrap: anywhere; }
        tr.high td:first-child { border-left: 3px solid #c0392b; }
        tr.medium td:first-child { border-left: 3px solid #e0a800; }
        ul.drivers { list-style: none; margin: 0; padding: 0; font-size: .85rem; }
        footer { margin-top: 2rem; color: #666; font-size: .8rem; }
        @page { margin: 14mm; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          h2, h3 { break-after: avoid; }
          figure, tr, dl.figures, section.segment { break-inside: avoid; }
          svg { max-width: 100%; }
        }

        """;
}
