//! Word lists of the quote rules: general English reporting verbs and the small closed
//! classes around them. Built from grammar (reporting verbs, auxiliaries, pronouns, person
//! nouns), not from any corpus's names.
//!
//! The long lists are laid out several words a line by hand (`rustfmt::skip`): rustfmt would
//! give each of their ~500 words a line of its own.

/// A reporting verb (lower case): "said", "told", "argues", "according" (of "according to").
#[rustfmt::skip]
pub fn is_cue(w: &str) -> bool {
    matches!(w,
        "said" | "says" | "say" | "saying" | "told" | "tells" | "tell" | "telling" | "stated"
        | "states" | "added" | "adds" | "adding" | "noted" | "notes" | "noting" | "wrote" | "writes"
        | "write" | "writing" | "argued" | "argues" | "argue" | "arguing" | "claimed" | "claims"
        | "claim" | "claiming" | "insisted" | "insists" | "insist" | "warned" | "warns" | "warn"
        | "explained" | "explains" | "acknowledged" | "acknowledges" | "admitted" | "admits"
        | "announced" | "announces" | "declared" | "declares" | "suggested" | "suggests"
        | "asserted" | "asserts" | "contended" | "contends" | "maintained" | "maintains" | "believe"
        | "believes" | "believed" | "think" | "thinks" | "thought" | "predicted" | "predicts"
        | "reported" | "reports" | "found" | "finds" | "showed" | "shows" | "show" | "urged"
        | "urges" | "pledged" | "pledges" | "promised" | "promises" | "vowed" | "vows" | "denied"
        | "denies" | "confirmed" | "confirms" | "complained" | "complains" | "recalled" | "recalls"
        | "replied" | "replies" | "responded" | "responds" | "tweeted" | "tweets" | "posted"
        | "emphasized" | "emphasised" | "stressed" | "stresses" | "indicated" | "indicates"
        | "agreed" | "agrees" | "conceded" | "concedes" | "countered" | "counters" | "charged"
        | "alleged" | "alleges" | "estimated" | "estimates" | "hopes" | "hoped" | "fears" | "feared"
        | "expects" | "expected" | "knows" | "knew" | "wondered" | "asked" | "asks" | "cautioned"
        | "observed" | "remarked" | "announcing" | "mentioned" | "revealed" | "reveals"
        | "disclosed" | "assured" | "joked" | "quipped" | "boasted" | "bragged" | "conceding"
        | "wants" | "want" | "wanted" | "concluded" | "concludes" | "testified" | "sang" | "sings"
        | "chanted" | "shouted" | "yelled" | "screamed" | "exclaimed" | "whispered" | "muttered"
        | "reads" | "continued" | "continues" | "explaining" | "interjected" | "answered"
        | "demanded" | "pleaded" | "begged" | "offered" | "described" | "describes" | "called"
        | "calls" | "characterized" | "labeled" | "dubbed" | "accused" | "accuses" | "praised"
        | "criticized" | "blasted" | "slammed" | "attacked" | "scolded" | "mocked" | "points"
        | "pointed" | "mocks" | "jokes" | "retorted" | "retorts" | "quoted" | "barked" | "snapped"
        | "recounted" | "echoed" | "reiterated" | "proclaimed" | "lamented" | "observes" | "scoffed"
        | "thanked" | "tweeting" | "posting" | "calling" | "labeling" | "describing" | "praising"
        | "accusing" | "urging" | "warning" | "insisting" | "suggesting" | "declaring" | "asserting"
        | "stating" | "promising" | "vowing" | "pledging" | "blaming" | "criticizing"
        | "questioning" | "according"
    )
}

/// Cues that are too often something else in a sentence of their own ("The program, called
/// EB-5", "charged with a crime", "when the poll asked"): used only next to quotation marks.
#[rustfmt::skip]
pub fn is_quote_only_cue(w: &str) -> bool {
    matches!(w,
        "called" | "calls" | "described" | "describes" | "characterized" | "labeled" | "dubbed"
        | "accused" | "accuses" | "praised" | "criticized" | "blasted" | "slammed" | "attacked"
        | "scolded" | "mocked" | "show" | "charged" | "offered" | "sang" | "sings" | "reads"
        | "answered" | "thanked" | "calling" | "labeling" | "describing" | "praising" | "accusing"
        | "blaming" | "quoted"
    )
}

/// Verbs whose object is the hearer ("told reporters", "asked the court").
pub fn takes_hearer(w: &str) -> bool {
    matches!(w, "told" | "tells" | "tell" | "telling" | "assured" | "warned" | "urged" | "asked" | "reminded")
}

/// Source nouns that are not a person (documents, institutions): "a statement", "the
/// ministry" say things, but a description made of them is no one met earlier.
#[rustfmt::skip]
pub fn is_nonperson_source(w: &str) -> bool {
    let w = w.strip_suffix('s').filter(|s| s.len() > 3).unwrap_or(w);
    matches!(w,
        "report" | "poll" | "survey" | "study" | "statement" | "document" | "data" | "figure"
        | "number" | "newspaper" | "paper" | "outlet" | "network" | "agency" | "office" | "ministry"
        | "department" | "committee" | "group" | "organization" | "organisation" | "firm"
        | "company" | "government" | "administration" | "campaign" | "team" | "staff" | "press"
        | "kremlin"
    )
}

/// Conjunctions that open a subordinate clause ("While X said ..., Y").
pub fn is_subordinator(w: &str) -> bool {
    matches!(
        w,
        "while"
            | "although"
            | "though"
            | "whereas"
            | "because"
            | "since"
            | "if"
            | "when"
            | "after"
            | "before"
            | "unless"
    )
}

/// Words that may stand between a speaker and its verb ("has also said", "on Monday said").
#[rustfmt::skip]
pub fn is_aux(w: &str) -> bool {
    matches!(w,
        "has" | "have" | "had" | "also" | "later" | "earlier" | "previously" | "would" | "will"
        | "could" | "may" | "might" | "reportedly" | "once" | "then" | "now" | "publicly"
        | "privately" | "repeatedly" | "frequently" | "often" | "never" | "did" | "does" | "do"
        | "is" | "was" | "were" | "are" | "been" | "being" | "recently" | "yesterday" | "today"
        | "already" | "still" | "just" | "even" | "long" | "flatly" | "simply" | "further" | "again"
        | "quickly" | "first" | "not"
    ) || is_time(w)
}

/// Days and months: never a speaker.
#[rustfmt::skip]
pub fn is_time(w: &str) -> bool {
    matches!(w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        | "january" | "february" | "march" | "april" | "june" | "july" | "august" | "september"
        | "october" | "november" | "december" | "tonight" | "morning" | "evening" | "afternoon"
        | "night" | "week" | "month" | "year" | "last" | "this"
    )
}

/// Personal pronouns that can say something.
pub fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "i" | "we" | "it" | "you")
}

/// Words that begin a noun phrase.
#[rustfmt::skip]
pub fn is_determiner(w: &str) -> bool {
    matches!(w,
        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "this" | "that"
        | "these" | "those" | "one" | "two" | "three" | "several" | "many" | "some" | "other"
        | "another" | "both" | "most" | "few" | "all"
    )
}

/// Nouns that name a speaker ("the Kremlin aide", "a White House official", "analysts").
#[rustfmt::skip]
pub fn is_person_noun(w: &str) -> bool {
    let w = w.strip_suffix('s').filter(|s| s.len() > 3).unwrap_or(w);
    matches!(w,
        "official" | "spokesman" | "spokeswoman" | "spokesperson" | "spokesmen" | "aide" | "adviser"
        | "advisor" | "source" | "president" | "minister" | "secretary" | "senator" | "governor"
        | "candidate" | "nominee" | "chairman" | "chairwoman" | "chair" | "director" | "leader"
        | "expert" | "analyst" | "critic" | "supporter" | "voter" | "lawmaker" | "member"
        | "manager" | "strategist" | "economist" | "researcher" | "scientist" | "professor"
        | "lawyer" | "attorney" | "judge" | "campaign" | "administration" | "government" | "report"
        | "poll" | "survey" | "study" | "statement" | "ambassador" | "diplomat" | "representative"
        | "congressman" | "congresswoman" | "mayor" | "chief" | "executive" | "founder" | "head"
        | "man" | "woman" | "people" | "democrat" | "republican" | "agency" | "office" | "ministry"
        | "department" | "committee" | "group" | "organization" | "organisation" | "firm"
        | "company" | "newspaper" | "paper" | "outlet" | "network" | "document" | "data" | "figure"
        | "number" | "investigator" | "prosecutor" | "police" | "officer" | "activist" | "donor"
        | "operative" | "pollster" | "writer" | "author" | "reporter" | "journalist" | "editor"
        | "columnist" | "host" | "anchor" | "commentator" | "observer" | "insider" | "friend"
        | "colleague" | "ally" | "allie" | "rival" | "opponent" | "mother" | "father" | "wife"
        | "husband" | "son" | "daughter" | "team" | "staff" | "staffer" | "press" | "kremlin"
        | "white"
    )
}

/// Words after which a speaker cannot continue backwards.
#[rustfmt::skip]
pub fn is_stop(w: &str) -> bool {
    matches!(w,
        "that" | "and" | "but" | "which" | "who" | "whom" | "when" | "if" | "because" | "as"
        | "while" | "after" | "before" | "than" | "so" | "or" | "where" | "what" | "why" | "how"
        | "though" | "although" | "since" | "until" | "unless" | "whether" | "to" | "in" | "on"
        | "at" | "for" | "with" | "from" | "by" | "about" | "into" | "during" | "over" | "under"
        | "against" | "what's" | "there" | "here" | "not" | "no"
    )
}
