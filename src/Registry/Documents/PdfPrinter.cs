using System.Diagnostics;
using Mrv.EventStore;

namespace Mrv.Registry.Documents;

/// <summary>Printing to PDF is not possible on this machine (no Chromium, or it printed nothing); answered as 503.</summary>
public sealed class PdfUnavailableException(LocalizedText text) : Exception(text.En)
{
    public LocalizedText Text { get; } = text;
}

/// <summary>
/// Prints HTML to an A4 PDF with headless Chromium (Debian's chromium, with the Noto CJK fonts for
/// Chinese). The page size, margins and page numbers come from the document's print CSS.
/// </summary>
public sealed class PdfPrinter(IConfiguration configuration, ILogger<PdfPrinter> logger)
{
    // Chromium is heavy; a couple at a time keeps a busy node responsive.
    readonly SemaphoreSlim gate = new(2, 2);

    // The flags keep Chromium off the network (a closed network otherwise stalls every start) and
    // give each print a throw-away profile.
    static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
    ];

    public string? ChromiumPath => configuration["Mrv:Chromium:Path"] is { Length: > 0 } configured
        ? File.Exists(configured) ? configured : null
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public async Task<byte[]> PrintAsync(string html, CancellationToken ct)
    {
        var chromium = ChromiumPath ?? throw new PdfUnavailableException(new LocalizedText(
            "无法生成 PDF：本机未安装 Chromium（./mrv up 会安装：apt-get install chromium fonts-noto-cjk）。",
            "Chromium is not installed; ./mrv up installs it (apt-get install chromium fonts-noto-cjk)."));
        await gate.WaitAsync(ct);
        var work = Directory.CreateTempSubdirectory("mrv-pdf-");
        try
        {
            var page = Path.Combine(work.FullName, "document.html");
            var pdf = Path.Combine(work.FullName, "document.pdf");
            await File.WriteAllTextAsync(page, html, ct);

            var start = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var flag in Flags) start.ArgumentList.Add(flag);
            start.ArgumentList.Add($"--user-data-dir={Path.Combine(work.FullName, "profile")}");
            start.ArgumentList.Add($"--print-to-pdf={pdf}");
            start.ArgumentList.Add(new Uri(page).AbsoluteUri);

            using var process = Process.Start(start) ?? throw new PdfUnavailableException(new LocalizedText("无法生成 PDF：Chromium 未能启动。", "Chromium did not start."));
            var errors = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            if (!File.Exists(pdf))
            {
                logger.LogError("Chromium printed no PDF (exit {Code}): {Errors}", process.ExitCode, await errors);
                throw new PdfUnavailableException(new LocalizedText(
                    $"无法生成 PDF：Chromium 未输出文件（退出码 {process.ExitCode}）。", $"Chromium printed no PDF (exit code {process.ExitCode})."));
            }
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            gate.Release();
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException e)
            {
                logger.LogDebug(e, "Could not remove {Folder}", work.FullName);
            }
        }
    }
}
