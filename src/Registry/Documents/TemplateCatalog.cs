using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using HandlebarsDotNet;

namespace Mrv.Registry.Documents;

/// <summary>A rendered document and the content hash of the template that produced it.</summary>
public sealed record RenderedDocument(string Document, string Culture, string Html, string TemplateHash);

/// <summary>A template that does not compile: which file, which line, what is wrong.</summary>
public sealed class TemplateException(string file, int? line, string message, Exception? inner = null)
    : Exception($"{file}{(line is null ? "" : $":{line}")}: {message}", inner)
{
    public string File { get; } = file;
    public int? Line { get; } = line;
}

/// <summary>
/// The document templates of <c>templates/</c>: <c>&lt;document&gt;/&lt;culture&gt;.hbs</c> for each
/// document in zh-CN and en, and shared partials in <c>_partials/</c>. Everything is compiled when
/// the catalog loads (at start-up), so a broken template stops the host with its file and line
/// rather than failing the first person who asks for that document. The templates are read from
/// the folder, not built into the program: the DRC changes wording and restarts, no rebuild.
/// </summary>
public sealed partial class TemplateCatalog
{
    public static readonly IReadOnlyList<string> Cultures = ["zh-CN", "en"];
    const string PartialsFolder = "_partials";

    readonly Dictionary<(string Document, string Culture), (HandlebarsTemplate<object, object> Render, string Hash)> templates = new();

    TemplateCatalog(string root) => Root = root;

    public string Root { get; }

    public IReadOnlyCollection<string> Documents => templates.Keys.Select(k => k.Document).Distinct().Order().ToList();

    /// <summary>Reads and compiles every template under <paramref name="root"/>.</summary>
    /// <exception cref="TemplateException">A template or partial does not compile.</exception>
    public static TemplateCatalog Load(string root)
    {
        if (!Directory.Exists(root)) throw new TemplateException(root, null, "the templates folder does not exist");
        var catalog = new TemplateCatalog(root);

        var partialFiles = Directory.Exists(Path.Combine(root, PartialsFolder))
            ? Directory.GetFiles(Path.Combine(root, PartialsFolder), "*.hbs").Order(StringComparer.Ordinal).ToList()
            : [];
        var partials = partialFiles.ToDictionary(f => Path.GetFileNameWithoutExtension(f), System.IO.File.ReadAllText);
        // Every render depends on the partials too, so they are part of each template's hash.
        var partialsDigest = string.Concat(partials.Select(p => $"{p.Key}\n{p.Value}\n"));

        foreach (var culture in Cultures)
        {
            var engine = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = false });
            DocumentHelpers.Register(engine, culture);
            foreach (var file in partialFiles)
            {
                var source = partials[Path.GetFileNameWithoutExtension(file)];
                Lint(file, source, partials.Keys);
                Compile(engine, file, source);
                engine.RegisterTemplate(Path.GetFileNameWithoutExtension(file), source);
            }

            foreach (var folder in Directory.GetDirectories(root).Where(d => Path.GetFileName(d) != PartialsFolder).Order(StringComparer.Ordinal))
            {
                var file = Path.Combine(folder, culture + ".hbs");
                if (!System.IO.File.Exists(file)) throw new TemplateException(file, null, $"the document has no {culture} template");
                var source = System.IO.File.ReadAllText(file);
                Lint(file, source, partials.Keys);
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + partialsDigest)));
                catalog.templates[(Path.GetFileName(folder), culture)] = (Compile(engine, file, source), hash);
            }
        }
        return catalog;
    }

    public RenderedDocument Render(string document, string culture, object model)
    {
        if (!templates.TryGetValue((document, culture), out var template))
        {
            throw new KeyNotFoundException($"There is no template for '{document}' in {culture}.");
        }
        return new RenderedDocument(document, culture, template.Render(model), template.Hash);
    }

    /// <summary>The culture of a template for a requested language (zh-CN unless English is asked for).</summary>
    public static string CultureFor(string? lang) =>
        lang is not null && lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh-CN";

    static HandlebarsTemplate<object, object> Compile(IHandlebars engine, string file, string source)
    {
        try
        {
            return engine.Compile(source);
        }
        catch (HandlebarsException e)
        {
            var at = OccurredAt().Match(e.Message);
            throw new TemplateException(file, at.Success ? int.Parse(at.Groups[1].Value) : null, e.Message.Split('\n')[0].Trim(), e);
        }
    }

    /// <summary>
    /// Finds the mistakes Handlebars reports without a position: unclosed or mismatched blocks,
    /// unterminated tags, and partials that do not exist — with the line they are on.
    /// </summary>
    static void Lint(string file, string source, IEnumerable<string> partialNames)
    {
        var known = partialNames.ToHashSet(StringComparer.Ordinal);
        var open = new Stack<(string Name, int Line)>();
        var index = 0;
        while ((index = source.IndexOf("{{", index, StringComparison.Ordinal)) >= 0)
        {
            var line = LineOf(source, index);
            var end = source.IndexOf("}}", index + 2, StringComparison.Ordinal);
            if (end < 0) throw new TemplateException(file, line, "a tag opened with {{ is never closed with }}");
            var tag = source[(index + 2)..end].Trim('{', '}', '~', ' ', '\r', '\n', '\t');
            index = end + 2;
            if (tag.StartsWith('!')) continue;
            if (tag.StartsWith('#'))
            {
                open.Push((tag[1..].Split(' ', 2)[0], line));
            }
            else if (tag.StartsWith('/'))
            {
                var name = tag[1..].Trim();
                if (open.Count == 0) throw new TemplateException(file, line, $"{{{{/{name}}}}} closes a block that was never opened");
                var (expected, openedAt) = open.Pop();
                if (expected != name) throw new TemplateException(file, line, $"{{{{/{name}}}}} closes the block {{{{#{expected}}}}} opened on line {openedAt}");
            }
            else if (tag.StartsWith('>'))
            {
                var partial = tag[1..].Trim().Split(' ', 2)[0];
                if (!known.Contains(partial)) throw new TemplateException(file, line, $"the partial '{partial}' does not exist in {PartialsFolder}/");
            }
        }
        if (open.Count > 0)
        {
            var (name, line) = open.Pop();
            throw new TemplateException(file, line, $"the block {{{{#{name}}}}} is never closed");
        }
    }

    static int LineOf(string source, int index) => source.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"Occured at:\s*(\d+):(\d+)")]
    private static partial Regex OccurredAt();

    /// <summary>
    /// The templates folder: <c>Mrv:Templates:Path</c> when set, else the nearest <c>templates</c>
    /// folder (with its <c>_partials</c>) above the content root or the program.
    /// </summary>
    public static string FindRoot(string? configured, params string[] startingPoints)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        foreach (var start in startingPoints)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "templates");
                if (Directory.Exists(Path.Combine(candidate, PartialsFolder))) return candidate;
            }
        }
        throw new TemplateException("templates", null, "no templates folder found; set Mrv:Templates:Path");
    }
}
