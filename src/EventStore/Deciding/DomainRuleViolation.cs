namespace Mrv.EventStore;

/// <summary>
/// A command that the rules do not allow in the current state, with a stable code
/// (<c>report.already_submitted</c>) and a message in both languages. Answered as 409.
/// </summary>
public sealed class DomainRuleViolation(string code, LocalizedText text) : Exception(text.En)
{
    public string Code { get; } = code;
    public LocalizedText Text { get; } = text;

    public DomainRuleViolation(string code, string zhCn, string en) : this(code, new LocalizedText(zhCn, en)) { }
}
