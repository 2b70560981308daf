using System.Diagnostics;
using System.Security.Cryptography;
using TrainingHub.Core.Certificates;
using TrainingHub.UnitTests.Documents;

namespace TrainingHub.UnitTests.Certificates;

public sealed class CertificateRendererTests
{
    private const string Code = "7KQ2-M9XD-4TRB-Z0HC-PW3F";

    public static CertificateSnapshot Sample(string language = "pt-BR") => new()
    {
        Language = language,
        HolderName = "João da Conceição Araújo",
        HolderCpfMasked = "***.456.789-**",
        CourseTitle = "Gestão de Políticas Públicas Municipais",
        OfferingCode = "GPPM-2026-01",
        Programme = "Rede Estratégia 2026",
        WorkloadMinutes = 20 * 60,
        StartsOn = new DateOnly(2026, 3, 2),
        EndsOn = new DateOnly(2026, 4, 17),
        Modality = "InPerson",
        Syllabus = "Módulo 1 — Diagnóstico participativo\nMódulo 2 — Orçamento e indicadores de execução",
        Issuer = "Secretaria de Estado de Planejamento e Gestão",
        IssuerCnpj = "05.461.142/0001-70",
        Signatories = [new Signatory("Helena Vasconcelos Prado", "Subsecretária de Gestão Estratégica"), new Signatory("Ricardo Almeida Turano", "Coordenador")],
        Place = "Belo Horizonte",
        IssuedOn = new DateOnly(2026, 4, 20),
        IssuedAt = new DateTime(2026, 4, 20, 13, 5, 7, DateTimeKind.Utc),
        VerificationCode = Code,
        VerificationUrl = "https://traininghub.test/verify/" + Code,
        ValidUntil = new DateOnly(2028, 4, 20),
    };

    [TestCase(60, true, "1 hour")]
    [TestCase(60, false, "1 hora")]
    [TestCase(1200, true, "20 hours")]
    [TestCase(1200, false, "20 horas")]
    [TestCase(61, true, "1 hour 1 minute")]
    [TestCase(61, false, "1 hora e 1 minuto")]
    [TestCase(150, false, "2 horas e 30 minutos")]
    [TestCase(45, true, "45 minutes")]
    [TestCase(45, false, "45 minutos")]
    public void The_workload_is_written_with_the_singular_for_one(int minutes, bool english, string expected) =>
        CertificateRenderer.Hours(minutes, english).ShouldBe(expected);

    [Test]
    public void A_certificate_states_name_cpf_course_hours_dates_issuer_and_code_and_the_syllabus_on_page_two()
    {
        var pdf = CertificateRenderer.Render(Sample());
        var page1 = Tools.PdfText(pdf, 1);
        var flat = Tools.Flat(page1);
        flat.ShouldContain("João da Conceição Araújo");
        flat.ShouldContain("CPF ***.456.789-**");
        flat.ShouldContain("Gestão de Políticas Públicas Municipais");
        flat.ShouldContain("carga horária de 20 horas");
        flat.ShouldContain("realizado de 02/03/2026 a 17/04/2026");
        flat.ShouldContain("Secretaria de Estado de Planejamento e Gestão");
        flat.ShouldContain("CNPJ 05.461.142/0001-70");
        flat.ShouldContain("Helena Vasconcelos Prado");
        flat.ShouldContain("Subsecretária de Gestão Estratégica");
        flat.ShouldContain("Belo Horizonte, 20/04/2026");
        flat.ShouldContain("Código de verificação: " + Code);
        flat.ShouldContain("Válido até 20/04/2028");
        flat.ShouldContain("presencial");
        var page2 = Tools.Flat(Tools.PdfText(pdf, 2));
        page2.ShouldContain("Conteúdo programático");
        page2.ShouldContain("Módulo 2 — Orçamento e indicadores de execução");
        page2.ShouldNotContain("Certificamos que");
    }

    [Test]
    public void A_bare_cnpj_is_printed_punctuated_and_a_programme_named_programa_is_not_called_programa_twice()
    {
        var pt = Tools.Flat(Tools.PdfText(CertificateRenderer.Render(Sample() with { IssuerCnpj = "05461142000170", Programme = "Programa Municipalismo Ativo" }), 1));
        pt.ShouldContain("CNPJ 05.461.142/0001-70");
        pt.ShouldContain("no âmbito do Programa Municipalismo Ativo");
        pt.ShouldNotContain("programa Programa");
        var en = Tools.Flat(Tools.PdfText(CertificateRenderer.Render(Sample("en") with { Programme = "Programme Open Government" }), 1));
        en.ShouldContain("as part of the Programme Open Government");
        Tools.Flat(Tools.PdfText(CertificateRenderer.Render(Sample()), 1)).ShouldContain("no âmbito do programa Rede Estratégia 2026");
    }

    [TestCase("Webinar", "pt-BR", "participou do webinar “Planejamento municipal · 03/2026” em 02/03/2026, com carga horária de 1 hora e 30 minutos, no âmbito do programa Rede Estratégia 2026.")]
    [TestCase("Meeting", "pt-BR", "participou da reunião “Planejamento municipal · 03/2026” em 02/03/2026, com carga horária de 1 hora e 30 minutos")]
    [TestCase("Event", "en", "took part in the event “Planejamento municipal · 03/2026” on 02/03/2026, with a workload of 1 hour 30 minutes, as part of the programme Rede Estratégia 2026.")]
    public void A_participation_certificate_for_one_session_reads_as_the_series_is(string kind, string language, string expected)
    {
        var pdf = CertificateRenderer.Render(Sample(language) with
        {
            Kind = nameof(CertificateKind.Participation),
            SeriesKind = kind,
            CourseTitle = "Planejamento municipal · 03/2026",
            WorkloadMinutes = 90,
            EndsOn = new DateOnly(2026, 3, 2),
            Modality = null,
            Syllabus = null,
        });
        var text = Tools.Flat(Tools.PdfText(pdf, 1));
        text.ShouldContain(expected);
        text.ShouldContain(language == "en" ? "CERTIFICATE OF PARTICIPATION" : "CERTIFICADO DE PARTICIPAÇÃO");
    }

    [TestCase("Meeting", "pt-BR", "participou de 7 das 10 reuniões de “Encontros da Rede”, realizadas de 02/03/2026 a 17/04/2026, com carga horária de 20 horas")]
    [TestCase("Webinar", "en", "attended 7 of the 10 webinars in the series “Encontros da Rede”, held from 02/03/2026 to 17/04/2026, with a workload of 20 hours")]
    public void A_whole_series_participation_certificate_counts_the_sessions_attended(string kind, string language, string expected)
    {
        var pdf = CertificateRenderer.Render(Sample(language) with
        {
            Kind = nameof(CertificateKind.Participation),
            SeriesKind = kind,
            CourseTitle = "Encontros da Rede",
            SessionsAttended = 7,
            SessionsTotal = 10,
            Modality = null,
            Syllabus = null,
        });
        Tools.Flat(Tools.PdfText(pdf, 1)).ShouldContain(expected);
    }

    [TestCase("05461142000170", "05.461.142/0001-70")]
    [TestCase("05.461.142/0001-70", "05.461.142/0001-70")]
    [TestCase(" 05461142000170 ", "05.461.142/0001-70")]
    [TestCase("123", "123")]
    public void Cnpj_is_shown_punctuated(string stored, string shown) => TrainingHub.Core.Common.Cnpj.Format(stored).ShouldBe(shown);

    [Test]
    public void English_is_used_when_the_person_prefers_it()
    {
        var flat = Tools.Flat(Tools.PdfText(CertificateRenderer.Render(Sample("en") with { WorkloadMinutes = 450 }), 1));
        flat.ShouldContain("CERTIFICATE");
        flat.ShouldContain("This is to certify that");
        flat.ShouldContain("with a workload of 7 hours 30 minutes");
        flat.ShouldContain("held from 02/03/2026 to 17/04/2026");
        flat.ShouldContain("Verification code: " + Code);
    }

    [Test]
    public void The_same_snapshot_renders_the_same_bytes()
    {
        var first = CertificateRenderer.Render(Sample());
        var second = CertificateRenderer.Render(CertificateSnapshot.FromJson(Sample().ToJson()));
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "th-render-a.pdf"), first);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "th-render-b.pdf"), second);
        Convert.ToHexString(SHA256.HashData(second)).ShouldBe(Convert.ToHexString(SHA256.HashData(first)));
        Convert.ToHexString(SHA256.HashData(CertificateRenderer.Render(Sample() with { HolderName = "Outra Pessoa" }))).ShouldNotBe(Convert.ToHexString(SHA256.HashData(first)));
    }

    [TestCase("Nguyễn Thị Minh Khai")]
    [TestCase("Łukasz Żółć")]
    [TestCase("Ærøskøbing Ðorđe")]
    [TestCase("Şükrü Çağlar")]
    public void A_name_in_any_latin_script_reads_back_exactly_and_every_letter_has_its_glyph_in_an_embedded_font(string name)
    {
        var pdf = CertificateRenderer.Render(Sample() with { HolderName = name });
        Tools.Flat(Tools.PdfText(pdf, 1)).ShouldContain(name);
        Tools.PdfFonts(pdf).ShouldAllBe(f => f.Embedded);
        var drawable = EmbeddedGlyphs.Drawable(pdf, 1);
        name.Where(c => c != ' ' && !drawable.Contains(c)).ShouldBeEmpty($"letters of \"{name}\" without an outline in the embedded fonts");
    }

    /// <summary>
    /// On the rendered page, the name shows its marks: it puts more ink on the page than the same name with the marks
    /// taken off (a font subset without the mark glyphs prints both alike).
    /// </summary>
    [TestCase("Nguyễn Thị Minh Khai", "Nguyen Thi Minh Khai")]
    [TestCase("Łukasz Żółć", "Lukasz Zolc")]
    [TestCase("Ærøskøbing Ðorđe", "Ærøskobing Dorde")]
    [TestCase("Şükrü Çağlar", "Sukru Caglar")]
    public void The_marks_of_a_name_are_drawn_on_the_page(string name, string withoutMarks)
    {
        var ink = Tools.Ink(CertificateRenderer.Render(Sample() with { HolderName = name }), 1);
        var bare = Tools.Ink(CertificateRenderer.Render(Sample() with { HolderName = withoutMarks }), 1);
        ink.ShouldBeGreaterThan(bare);
    }

    [Test]
    public void The_qr_code_decodes_to_the_verification_url()
    {
        var pdf = CertificateRenderer.Render(Sample());
        Tools.QrCodes(pdf).ShouldContain("https://traininghub.test/verify/" + Code);
    }

    [Test]
    public void A_transcript_lists_every_line_with_hours_and_the_total()
    {
        var snapshot = Sample() with
        {
            Kind = nameof(CertificateKind.Transcript),
            PeriodFrom = new DateOnly(2026, 1, 1),
            PeriodTo = new DateOnly(2026, 12, 31),
            Lines =
            [
                new TranscriptLine("Gestão de Políticas Públicas Municipais", "GPPM-2026-01", false, "Rede Estratégia 2026", new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 17), 5, 900),
                new TranscriptLine("Municipalismo Ativo — webinários", "MUN-WEB-2026", true, null, new DateOnly(2026, 2, 10), new DateOnly(2026, 6, 9), 4, 270),
            ],
            TotalMinutes = 1170,
            ValidUntil = null,
        };
        var pdf = CertificateRenderer.Render(snapshot);
        var flat = Tools.Flat(Tools.PdfText(pdf, 1));
        flat.ShouldContain("DECLARAÇÃO DE HORAS");
        flat.ShouldContain("cumpriu 19 horas e 30 minutos de capacitação entre 01/01/2026 e 31/12/2026");
        flat.ShouldContain("15h");
        flat.ShouldContain("4h30");
        flat.ShouldContain("19h30");
        flat.ShouldContain("Webinário");
        flat.ShouldContain("Código de verificação: " + Code);
        Tools.QrCodes(pdf).ShouldContain("https://traininghub.test/verify/" + Code);
    }
}

/// <summary>Reads PDFs back with poppler (pdftotext, pdfimages) and QR codes with zbarimg, as a person's tools would.</summary>
public static class Tools
{
    public static string PdfText(byte[] pdf, int page)
    {
        Require("/usr/bin/pdftotext", "poppler-utils");
        var path = Path.Combine(Path.GetTempPath(), $"th-cert-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            return Run("pdftotext", ["-enc", "UTF-8", "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture), path, "-"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The fonts pdffonts lists for the document, with whether each is embedded.</summary>
    public static IReadOnlyList<(string Name, bool Embedded)> PdfFonts(byte[] pdf)
    {
        Require("/usr/bin/pdffonts", "poppler-utils");
        var path = Path.Combine(Path.GetTempPath(), $"th-fonts-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var lines = Run("pdffonts", [path]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var emb = lines[0].IndexOf(" emb ", StringComparison.Ordinal) + 1;
            var fonts = lines.Skip(2).Select(l => (l[..emb].Split("  ")[0].Trim(), l.Substring(emb, 3) == "yes")).ToList();
            fonts.ShouldNotBeEmpty();
            return fonts;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>How many pixels of the page, rendered by pdftoppm in grey at 150 dpi, are darker than mid-grey.</summary>
    public static int Ink(byte[] pdf, int page)
    {
        Require("/usr/bin/pdftoppm", "poppler-utils");
        var dir = Path.Combine(Path.GetTempPath(), $"th-ink-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "doc.pdf"), pdf);
            var number = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Run("pdftoppm", ["-gray", "-r", "150", "-f", number, "-l", number, "-singlefile", Path.Combine(dir, "doc.pdf"), Path.Combine(dir, "page")]);
            var pgm = File.ReadAllBytes(Path.Combine(dir, "page.pgm"));
            // P5 header: magic, width, height, maximum value, each followed by one whitespace byte; then the pixels.
            var at = 0;
            for (var fields = 0; fields < 4; at++)
            {
                if (char.IsWhiteSpace((char)pgm[at]) && !char.IsWhiteSpace((char)pgm[at - 1]))
                {
                    fields++;
                }
            }

            return pgm.AsSpan(at).ToArray().Count(b => b < 128);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Whitespace (line breaks from wrapping) collapsed to single spaces.</summary>
    public static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Every QR code in the PDF's images, decoded by zbarimg from the PNGs pdfimages extracts.</summary>
    public static IReadOnlyList<string> QrCodes(byte[] pdf)
    {
        Require("/usr/bin/pdfimages", "poppler-utils");
        Require("/usr/bin/zbarimg", "zbar-tools");
        var dir = Path.Combine(Path.GetTempPath(), $"th-qr-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "doc.pdf"), pdf);
            Run("pdfimages", ["-png", Path.Combine(dir, "doc.pdf"), Path.Combine(dir, "img")]);
            var codes = new List<string>();
            foreach (var png in Directory.GetFiles(dir, "img*.png"))
            {
                codes.AddRange(Run("zbarimg", ["--quiet", "--raw", png]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            return codes;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Require(string path, string package)
    {
        if (!File.Exists(path))
        {
            Assert.Ignore($"{path} is missing ({package}): ./test.sh installs it.");
        }
    }

    private static string Run(string file, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return text;
    }
}
