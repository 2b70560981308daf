using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using TrainingHub.Core.Common;
using TrainingHub.Core.Documents;

namespace TrainingHub.Core.Certificates;

/// <summary>
/// Draws a certificate (landscape A4: the statement, signatories, QR code and verification code; the syllabus on page
/// two) or a transcript (portrait A4, the credited lines in a table) from its snapshot and nothing else. The output is
/// deterministic: creation date from the snapshot's issue instant, document ID from its code, so the file downloaded
/// and the file emailed are the same bytes.
/// </summary>
public static class CertificateRenderer
{
    private const double MmPt = 72 / 25.4;

    public static byte[] Render(CertificateSnapshot s, CertificateLayout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        Pdf.EnsureReady();
        layout ??= CertificateLayout.Default;
        var en = s.Language == Languages.English;
        using var doc = new PdfDocument();
        doc.Info.Title = CertificateTexts.Get(s.Kind == nameof(CertificateKind.Transcript) ? "TranscriptTitle" : "CertificateTitle", en);
        doc.Info.Author = s.Issuer;
        doc.Info.Subject = s.VerificationCode;
        doc.Info.Creator = "TrainingHub";
        var issued = DateTime.SpecifyKind(s.IssuedAt, DateTimeKind.Utc);
        doc.Info.CreationDate = issued;
        doc.Info.ModificationDate = issued;
        // The file identifier: 16 bytes derived from the code (PDFsharp takes them as a string of byte-valued chars).
        var idBytes = SHA256.HashData(Encoding.UTF8.GetBytes("TrainingHub:" + s.VerificationCode)).AsSpan(0, 16).ToArray();
        var id = new string(idBytes.Select(b => (char)b).ToArray());
        doc.Internals.FirstDocumentID = id;
        doc.Internals.SecondDocumentID = id;

        if (s.Kind == nameof(CertificateKind.Transcript))
        {
            DrawTranscript(doc, s, layout, en);
        }
        else
        {
            DrawCertificate(doc, s, layout, en);
            if (s.Kind != nameof(CertificateKind.Participation))
            {
                DrawSyllabus(doc, s, layout, en);
            }
        }

        using var output = new MemoryStream();
        doc.Save(output, false);
        return Stabilize(output.ToArray(), new Guid(idBytes));
    }

    /// <summary>
    /// PDFsharp names each embedded font subset with a random six-letter tag ("VFEKUG+DejaVu Serif") and gives the XMP
    /// metadata random document and instance UUIDs. Replace each tag, in order of first appearance, by a fixed one
    /// ("AAAAAA", "AAAAAB"…) and the UUIDs by one derived from the code; every replacement has the same length, so no
    /// offset in the cross-reference table moves.
    /// </summary>
    private static byte[] Stabilize(byte[] pdf, Guid uuid)
    {
        // Edited in place, byte for byte (the file is Latin-1 text around binary streams): no copy to a string, no regular
        // expression scanning every position of a 90 KB file.
        var span = pdf.AsSpan();
        var id = Encoding.ASCII.GetBytes(uuid.ToString("D", CultureInfo.InvariantCulture));
        foreach (var marker in UuidMarkers)
        {
            for (var at = span.IndexOf(marker); at >= 0; at = Next(span, marker, at))
            {
                var value = span.Slice(at + marker.Length, Math.Min(36, span.Length - at - marker.Length));
                if (value.Length == 36 && IsUuid(value))
                {
                    id.CopyTo(value);
                }
            }
        }

        // Tags in order of first appearance, whichever of the two names comes first.
        var tags = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var fontName = span.IndexOf(FontName);
        var baseFont = span.IndexOf(BaseFont);
        while (fontName >= 0 || baseFont >= 0)
        {
            int start;
            if (baseFont < 0 || (fontName >= 0 && fontName < baseFont))
            {
                start = fontName + FontName.Length;
                fontName = Next(span, FontName, fontName);
            }
            else
            {
                start = baseFont + BaseFont.Length;
                baseFont = Next(span, BaseFont, baseFont);
            }

            if (start + 7 > span.Length || span[start + 6] != (byte)'+' || !IsTag(span.Slice(start, 6)))
            {
                continue;
            }

            var found = Encoding.ASCII.GetString(span.Slice(start, 6));
            if (!tags.TryGetValue(found, out var tag))
            {
                tag = new byte[6];
                var n = tags.Count;
                for (var i = 5; i >= 0; i--)
                {
                    tag[i] = (byte)('A' + (n % 26));
                    n /= 26;
                }

                tags[found] = tag;
            }

            tag.CopyTo(span.Slice(start, 6));
        }

        return pdf;

        static int Next(ReadOnlySpan<byte> all, ReadOnlySpan<byte> marker, int at)
        {
            var from = at + marker.Length;
            var next = all[from..].IndexOf(marker);
            return next < 0 ? -1 : from + next;
        }

        static bool IsTag(ReadOnlySpan<byte> b)
        {
            foreach (var c in b)
            {
                if (c is < (byte)'A' or > (byte)'Z')
                {
                    return false;
                }
            }

            return true;
        }

        static bool IsUuid(ReadOnlySpan<byte> b)
        {
            foreach (var c in b)
            {
                if (!(char.IsAsciiHexDigit((char)c) || c == (byte)'-'))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static readonly byte[][] UuidMarkers = [Encoding.ASCII.GetBytes("<xmpMM:DocumentID>uuid:"), Encoding.ASCII.GetBytes("<xmpMM:InstanceID>uuid:")];

    private static readonly byte[] FontName = Encoding.ASCII.GetBytes("/FontName/");

    private static readonly byte[] BaseFont = Encoding.ASCII.GetBytes("/BaseFont/");

    /// <summary>The file name offered for download and attachment: ASCII only.</summary>
    public static string FileName(CertificateSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var kind = s.Kind == nameof(CertificateKind.Transcript) ? "transcript" : "certificate";
        return $"{kind}-{s.VerificationCode}.pdf";
    }

    // ---- certificate, page 1 -----------------------------------------------------------------------------------

    private static void DrawCertificate(PdfDocument doc, CertificateSnapshot s, CertificateLayout l, bool en)
    {
        var page = doc.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        page.Orientation = PdfSharp.PageOrientation.Landscape;
        using var g = XGraphics.FromPdfPage(page);
        var w = page.Width.Point;
        var h = page.Height.Point;
        var c = new Palette(l);
        DrawBorder(g, l, c, w, h);
        var m = (l.MarginMm + l.Border.GapMm + 8) * MmPt;

        DrawEmblem(g, l, c, m + (l.Emblem.DiameterMm * MmPt / 2), m + (l.Emblem.DiameterMm * MmPt / 2));
        var small = new XFont(Pdf.Sans, l.Fonts.SmallPt);
        var issuerFont = new XFont(Pdf.Sans, l.Fonts.BodyPt, XFontStyleEx.Bold);
        g.DrawString(s.Issuer, issuerFont, c.Primary, new XRect(0, m, w, 18), XStringFormats.TopCenter);
        if (!string.IsNullOrEmpty(s.IssuerCnpj))
        {
            g.DrawString($"CNPJ {Cnpj.Format(s.IssuerCnpj)}", small, c.Muted, new XRect(0, m + 17, w, 12), XStringFormats.TopCenter);
        }

        var y = m + 44;
        var participation = s.Kind == nameof(CertificateKind.Participation);
        g.DrawString(CertificateTexts.Get(participation ? "ParticipationHeading" : "CertificateHeading", en), new XFont(Pdf.Serif, l.Fonts.TitlePt, XFontStyleEx.Bold), c.Primary, new XRect(0, y, w, 40), XStringFormats.TopCenter);
        y += 44;
        g.DrawLine(new XPen(c.AccentColor, 1.2), (w / 2) - 90, y, (w / 2) + 90, y);
        y += 14;
        var body = new XFont(Pdf.Serif, l.Fonts.BodyPt);
        g.DrawString(CertificateTexts.Get("CertifyThat", en), body, c.Text, new XRect(0, y, w, 16), XStringFormats.TopCenter);
        y += 22;
        g.DrawString(s.HolderName, new XFont(Pdf.Serif, l.Fonts.NamePt, XFontStyleEx.Bold), c.Text, new XRect(m, y, w - (2 * m), 30), XStringFormats.TopCenter);
        y += 32;
        g.DrawString($"CPF {s.HolderCpfMasked}", small, c.Muted, new XRect(0, y, w, 12), XStringFormats.TopCenter);
        y += 20;

        var programme = s.Programme is null ? "" : CertificateTexts.Get(NamesItself(s.Programme) ? "StatementProgrammeNamed" : "StatementProgramme", en, s.Programme);
        var statement = !participation
            ? CertificateTexts.Get("Statement", en, s.CourseTitle, Modality(s.Modality, en), Hours(s.WorkloadMinutes, en), Date(s.StartsOn), Date(s.EndsOn), programme)
            : s.SessionsAttended is { } attended
                ? CertificateTexts.Get("Participation.Series." + (s.SeriesKind ?? "Webinar"), en, attended, s.SessionsTotal, s.CourseTitle, Date(s.StartsOn), Date(s.EndsOn), Hours(s.WorkloadMinutes, en), programme)
                : CertificateTexts.Get("Participation.Session." + (s.SeriesKind ?? "Webinar"), en, s.CourseTitle, Date(s.StartsOn), Hours(s.WorkloadMinutes, en), programme);
        var tf = new XTextFormatter(g) { Alignment = XParagraphAlignment.Center };
        tf.DrawString(statement, body, c.Text, new XRect(m + 40, y, w - (2 * m) - 80, 60), XStringFormats.TopLeft);
        y += 64;
        g.DrawString($"{s.Place}, {SaoPaulo.FormatDate(s.IssuedOn)}.", body, c.Text, new XRect(0, y, w, 16), XStringFormats.TopCenter);

        // Signatories, side by side above the footer.
        var qr = l.QrSizeMm * MmPt;
        var qrTop = h - m - qr - 34;
        var sigTop = qrTop + qr - 56;
        var sigs = s.Signatories.Count == 0 ? [new Signatory(s.Issuer, "")] : s.Signatories;
        var left = m + qr + 30;
        var slot = (w - left - m) / sigs.Count;
        var sigName = new XFont(Pdf.Sans, l.Fonts.SmallPt + 1.5, XFontStyleEx.Bold);
        for (var i = 0; i < sigs.Count; i++)
        {
            var x = left + (i * slot);
            g.DrawLine(new XPen(c.MutedColor, 0.6), x + 15, sigTop + 20, x + slot - 15, sigTop + 20);
            g.DrawString(sigs[i].Name, sigName, c.Text, new XRect(x, sigTop + 24, slot, 12), XStringFormats.TopCenter);
            g.DrawString(sigs[i].Role, small, c.Muted, new XRect(x, sigTop + 37, slot, 12), XStringFormats.TopCenter);
        }

        DrawVerification(g, s, l, c, m, qrTop, en);
    }

    private static void DrawVerification(XGraphics g, CertificateSnapshot s, CertificateLayout l, Palette c, double x, double y, bool en)
    {
        var qr = l.QrSizeMm * MmPt;
        var png = Pdf.QrPng(s.VerificationUrl, 4);
        using (var image = XImage.FromStream(new MemoryStream(png)))
        {
            g.DrawImage(image, x, y, qr, qr);
        }

        var small = new XFont(Pdf.Sans, l.Fonts.SmallPt);
        var bold = new XFont(Pdf.Sans, l.Fonts.SmallPt, XFontStyleEx.Bold);
        var lines = new List<(string Text, XFont Font)>
        {
            (CertificateTexts.Get("VerificationCode", en, s.VerificationCode), bold),
            (CertificateTexts.Get("VerifyAt", en, s.VerificationUrl), small),
        };
        if (s.ValidUntil is { } until)
        {
            lines.Add((CertificateTexts.Get("ValidUntil", en, Date(until)), small));
        }

        var ty = y + qr + 3;
        foreach (var (text, font) in lines)
        {
            g.DrawString(text, font, c.Muted, x, ty + font.Size, XStringFormats.Default);
            ty += font.Size + 2.5;
        }
    }

    // ---- certificate, page 2: syllabus --------------------------------------------------------------------------

    private static void DrawSyllabus(PdfDocument doc, CertificateSnapshot s, CertificateLayout l, bool en)
    {
        var page = doc.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        page.Orientation = PdfSharp.PageOrientation.Landscape;
        using var g = XGraphics.FromPdfPage(page);
        var w = page.Width.Point;
        var h = page.Height.Point;
        var c = new Palette(l);
        DrawBorder(g, l, c, w, h);
        var m = (l.MarginMm + l.Border.GapMm + 8) * MmPt;
        var y = m;
        g.DrawString(CertificateTexts.Get("Syllabus", en), new XFont(Pdf.Serif, l.Fonts.HeadingPt, XFontStyleEx.Bold), c.Primary, m, y + l.Fonts.HeadingPt, XStringFormats.Default);
        y += l.Fonts.HeadingPt + 10;
        var small = new XFont(Pdf.Sans, l.Fonts.SmallPt + 1);
        var facts = $"{s.CourseTitle} · {s.OfferingCode} · {Modality(s.Modality, en)} · {Hours(s.WorkloadMinutes, en)} · {Date(s.StartsOn)} – {Date(s.EndsOn)}";
        g.DrawString(facts, small, c.Muted, m, y + small.Size, XStringFormats.Default);
        y += small.Size + 12;
        g.DrawLine(new XPen(c.RuleColor, 0.6), m, y, w - m, y);
        y += 10;
        var syllabus = string.IsNullOrWhiteSpace(s.Syllabus) ? CertificateTexts.Get("NoSyllabus", en) : s.Syllabus.Replace("\r\n", "\n", StringComparison.Ordinal);
        var tf = new XTextFormatter(g) { Alignment = XParagraphAlignment.Left };
        tf.DrawString(syllabus, new XFont(Pdf.Serif, l.Fonts.BodyPt - 1.5), c.Text, new XRect(m, y, w - (2 * m), h - y - m - 20), XStringFormats.TopLeft);
        var code = CertificateTexts.Get("VerificationCode", en, s.VerificationCode);
        g.DrawString(code, new XFont(Pdf.Sans, l.Fonts.SmallPt), c.Muted, new XRect(m, h - m - 10, w - (2 * m), 10), XStringFormats.TopRight);
    }

    // ---- transcript ---------------------------------------------------------------------------------------------

    private static void DrawTranscript(PdfDocument doc, CertificateSnapshot s, CertificateLayout l, bool en)
    {
        var c = new Palette(l);
        var body = new XFont(Pdf.Serif, l.Fonts.BodyPt - 1);
        var small = new XFont(Pdf.Sans, l.Fonts.SmallPt);
        var smallBold = new XFont(Pdf.Sans, l.Fonts.SmallPt, XFontStyleEx.Bold);
        var rows = s.Lines.ToList();
        var index = 0;
        var first = true;
        while (first || index < rows.Count)
        {
            var page = doc.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            page.Orientation = PdfSharp.PageOrientation.Portrait;
            using var g = XGraphics.FromPdfPage(page);
            var w = page.Width.Point;
            var h = page.Height.Point;
            DrawBorder(g, l, c, w, h);
            var m = (l.MarginMm + l.Border.GapMm + 6) * MmPt;
            var y = m;
            if (first)
            {
                DrawEmblem(g, l, c, m + (l.Emblem.DiameterMm * MmPt / 2), y + (l.Emblem.DiameterMm * MmPt / 2));
                g.DrawString(s.Issuer, new XFont(Pdf.Sans, l.Fonts.BodyPt, XFontStyleEx.Bold), c.Primary, new XRect(0, y, w, 16), XStringFormats.TopCenter);
                if (!string.IsNullOrEmpty(s.IssuerCnpj))
                {
                    g.DrawString($"CNPJ {Cnpj.Format(s.IssuerCnpj)}", small, c.Muted, new XRect(0, y + 16, w, 12), XStringFormats.TopCenter);
                }

                y += 50;
                g.DrawString(CertificateTexts.Get("TranscriptHeading", en), new XFont(Pdf.Serif, l.Fonts.HeadingPt + 3, XFontStyleEx.Bold), c.Primary, new XRect(0, y, w, 24), XStringFormats.TopCenter);
                y += 34;
                var text = CertificateTexts.Get("TranscriptStatement", en, s.HolderName, s.HolderCpfMasked, Hours(s.TotalMinutes, en), Date(s.PeriodFrom), Date(s.PeriodTo));
                var tf = new XTextFormatter(g) { Alignment = XParagraphAlignment.Justify };
                tf.DrawString(text, body, c.Text, new XRect(m, y, w - (2 * m), 50), XStringFormats.TopLeft);
                y += 54;
            }

            // Table header.
            var cols = new[] { m, m + ((w - (2 * m)) * 0.50), m + ((w - (2 * m)) * 0.64), m + ((w - (2 * m)) * 0.88) };
            var headers = new[] { "ColumnActivity", "ColumnKind", "ColumnPeriod", "ColumnHours" }.Select(k => CertificateTexts.Get(k, en)).ToArray();
            g.DrawRectangle(c.Primary, m, y, w - (2 * m), 16);
            for (var i = 0; i < headers.Length; i++)
            {
                g.DrawString(headers[i], smallBold, XBrushes.White, cols[i] + 3, y + 11, XStringFormats.Default);
            }

            y += 20;
            var bottom = h - m - 150;
            while (index < rows.Count && y < bottom)
            {
                var r = rows[index++];
                var title = Fit(g, r.Title, small, cols[1] - cols[0] - 6);
                g.DrawString(title, small, c.Text, cols[0] + 3, y + 9, XStringFormats.Default);
                g.DrawString(r.Code + (r.Programme is null ? "" : " · " + Fit(g, r.Programme, small, cols[1] - cols[0] - 60)), small, c.Muted, cols[0] + 3, y + 19, XStringFormats.Default);
                g.DrawString(CertificateTexts.Get(r.IsWebinar ? "KindWebinar" : "KindCourse", en), small, c.Text, cols[1] + 3, y + 9, XStringFormats.Default);
                g.DrawString($"{Date(r.From)} – {Date(r.To)}", small, c.Text, cols[2] + 3, y + 9, XStringFormats.Default);
                g.DrawString(HoursShort(r.CreditedMinutes), small, c.Text, cols[3] + 3, y + 9, XStringFormats.Default);
                y += 24;
                g.DrawLine(new XPen(c.RuleColor, 0.4), m, y - 2, w - m, y - 2);
            }

            if (index >= rows.Count)
            {
                g.DrawString(CertificateTexts.Get("Total", en), smallBold, c.Text, cols[2] + 3, y + 9, XStringFormats.Default);
                g.DrawString(HoursShort(s.TotalMinutes), smallBold, c.Text, cols[3] + 3, y + 9, XStringFormats.Default);
                if (rows.Count == 0)
                {
                    g.DrawString(CertificateTexts.Get("NoHours", en), small, c.Muted, cols[0] + 3, y + 9, XStringFormats.Default);
                }

                var sy = h - m - 140;
                g.DrawString($"{s.Place}, {SaoPaulo.FormatDate(s.IssuedOn)}.", body, c.Text, new XRect(0, sy, w, 14), XStringFormats.TopCenter);
                var sigs = s.Signatories.Count == 0 ? [new Signatory(s.Issuer, "")] : s.Signatories;
                var slot = (w - (2 * m)) / sigs.Count;
                for (var i = 0; i < sigs.Count; i++)
                {
                    var x = m + (i * slot);
                    g.DrawLine(new XPen(c.MutedColor, 0.6), x + 15, sy + 44, x + slot - 15, sy + 44);
                    g.DrawString(sigs[i].Name, smallBold, c.Text, new XRect(x, sy + 48, slot, 12), XStringFormats.TopCenter);
                    g.DrawString(sigs[i].Role, small, c.Muted, new XRect(x, sy + 60, slot, 12), XStringFormats.TopCenter);
                }
            }

            DrawVerification(g, s, l, c, m, h - m - (l.QrSizeMm * MmPt) - 24, en);
            first = false;
        }
    }

    // ---- shared drawing -----------------------------------------------------------------------------------------

    private static void DrawBorder(XGraphics g, CertificateLayout l, Palette c, double w, double h)
    {
        var o = l.MarginMm * MmPt;
        var gap = l.Border.GapMm * MmPt;
        g.DrawRectangle(new XPen(c.PrimaryColor, l.Border.OuterWidthPt), o, o, w - (2 * o), h - (2 * o));
        g.DrawRectangle(new XPen(c.AccentColor, l.Border.InnerWidthPt), o + gap, o + gap, w - (2 * (o + gap)), h - (2 * (o + gap)));
        var k = l.Border.CornerMm * MmPt;
        var pen = new XPen(c.AccentColor, l.Border.InnerWidthPt * 2);
        foreach (var (x, y, dx, dy) in new[] { (o + gap, o + gap, 1, 1), (w - o - gap, o + gap, -1, 1), (o + gap, h - o - gap, 1, -1), (w - o - gap, h - o - gap, -1, -1) })
        {
            g.DrawLine(pen, x, y + (dy * k), x + (dx * k), y);
        }
    }

    /// <summary>A vector emblem: a ring of rays around a disc with the monogram.</summary>
    private static void DrawEmblem(XGraphics g, CertificateLayout l, Palette c, double cx, double cy)
    {
        var r = l.Emblem.DiameterMm * MmPt / 2;
        var rays = Math.Max(8, l.Emblem.Rays);
        var pen = new XPen(c.AccentColor, 1.1);
        for (var i = 0; i < rays; i++)
        {
            var a = 2 * Math.PI * i / rays;
            g.DrawLine(pen, cx + (Math.Cos(a) * r * 0.78), cy + (Math.Sin(a) * r * 0.78), cx + (Math.Cos(a) * r), cy + (Math.Sin(a) * r));
        }

        g.DrawEllipse(new XPen(c.PrimaryColor, 1), c.Primary, cx - (r * 0.72), cy - (r * 0.72), r * 1.44, r * 1.44);
        g.DrawString(l.Emblem.Monogram, new XFont(Pdf.Serif, r * 0.7, XFontStyleEx.Bold), XBrushes.White, new XRect(cx - r, cy - r, 2 * r, 2 * r), XStringFormats.Center);
    }

    private static string Fit(XGraphics g, string text, XFont font, double width)
    {
        if (g.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var t = text;
        while (t.Length > 1 && g.MeasureString(t + "…", font).Width > width)
        {
            t = t[..^1];
        }

        return t.TrimEnd() + "…";
    }

    // ---- words --------------------------------------------------------------------------------------------------

    /// <summary>A workload in words, singular for one: "1 hour", "2 hours 30 minutes", "1 hora e 1 minuto", "45 minutos".</summary>
    public static string Hours(int minutes, bool en)
    {
        var h = minutes / 60;
        var r = minutes % 60;
        var hours = string.Create(CultureInfo.InvariantCulture, $"{h} {(en ? (h == 1 ? "hour" : "hours") : (h == 1 ? "hora" : "horas"))}");
        var rest = string.Create(CultureInfo.InvariantCulture, $"{r} {(en ? (r == 1 ? "minute" : "minutes") : (r == 1 ? "minuto" : "minutos"))}");
        return (h, r) switch
        {
            (_, 0) => hours,
            (0, _) => rest,
            _ => en ? $"{hours} {rest}" : $"{hours} e {rest}",
        };
    }

    public static string HoursShort(int minutes) =>
        minutes % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}h")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}h{minutes % 60:00}");

    public static string Modality(string? modality, bool en) => modality switch
    {
        "InPerson" or "Online" or "Hybrid" or "Immersion" => CertificateTexts.Get("Modality." + modality, en),
        _ => modality ?? "",
    };

    private static string Date(DateOnly? d) => d is { } v ? SaoPaulo.FormatDate(v) : "";

    private sealed class Palette(CertificateLayout l)
    {
        public XColor PrimaryColor { get; } = CertificateLayout.Color(l.Colors.Primary);
        public XColor AccentColor { get; } = CertificateLayout.Color(l.Colors.Accent);
        public XColor MutedColor { get; } = CertificateLayout.Color(l.Colors.Muted);
        public XColor RuleColor { get; } = CertificateLayout.Color(l.Colors.Rule);
        public XBrush Primary => new XSolidBrush(PrimaryColor);
        public XBrush Text { get; } = new XSolidBrush(CertificateLayout.Color(l.Colors.Text));
        public XBrush Muted => new XSolidBrush(MutedColor);
    }

    /// <summary>"Programa Mineiro de …" already says it is a programme: the statement then does not say "programa" twice.</summary>
    private static bool NamesItself(string programme) =>
        programme.StartsWith("Programa ", StringComparison.OrdinalIgnoreCase) || programme.StartsWith("Programme ", StringComparison.OrdinalIgnoreCase)
        || programme.StartsWith("Program ", StringComparison.OrdinalIgnoreCase);
}
