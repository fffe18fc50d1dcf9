namespace Waymark;

/// <summary>
/// A step the domain's rules refuse, with a message a practitioner can act on (it says what was attempted
/// and why not). The aggregates' own refusals derive from it, so a page can catch them all in one place.
/// </summary>
public class DomainRuleException(string message) : Exception(message);
