using System.Diagnostics;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TrainingHub.Core.Documents;

namespace TrainingHub.UnitTests.Documents;

public sealed class PdfTests
{
    [Test]
    public void Portuguese_text_and_a_qr_code_render_and_read_back_with_pdftotext()
    {
        Pdf.EnsureReady();
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var g = XGraphics.FromPdfPage(page))
        {
            g.DrawString("Certificado de conclusão — João Conceição", new XFont(Pdf.Serif, 18, XFontStyleEx.Bold), XBrushes.Black, new XPoint(40, 80));
            g.DrawString("Ação de capacitação: 40 horas", new XFont(Pdf.Sans, 12), XBrushes.Black, new XPoint(40, 120));
            using var qr = XImage.FromStream(new MemoryStream(Pdf.QrPng("https://traininghub.test/verify/ABCD")));
            g.DrawImage(qr, 40, 140, 100, 100);
        }

        var path = Path.Combine(Path.GetTempPath(), $"th-pdf-{Guid.NewGuid():N}.pdf");
        try
        {
            document.Save(path);
            var text = PdfText(path);
            text.ShouldContain("Certificado de conclusão — João Conceição");
            text.ShouldContain("Ação de capacitação: 40 horas");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string PdfText(string path)
    {
        if (!File.Exists("/usr/bin/pdftotext"))
        {
            Assert.Ignore("pdftotext (poppler-utils) is missing: ./test.sh installs it.");
        }

        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }
}
