"""Demo discussions: a members-only space of the Supply Chains Action Group, the Migration Action Group's space
and a public "Introductions" space, with replies by the demo accounts and one @mention with its notification.
"""

from __future__ import annotations

from alliance87.accounts.models import User
from alliance87.bodies.models import Body

from . import services
from .models import Post, Space, Thread, Visibility

SPACES = [
    # (slug, name, body slug, visibility, position, description)
    (
        "introductions",
        "Introductions",
        None,
        Visibility.PUBLIC,
        1,
        "Say who you are, what your organisation does towards Target 8.7 and what you would like to learn.",
    ),
    (
        "supply-chains",
        "Action Group on Supply Chains",
        "supply-chains",
        Visibility.MEMBERS,
        10,
        "The members' space of the Supply Chains Action Group.",
    ),
    (
        "migration",
        "Action Group on Migration",
        "migration",
        Visibility.MEMBERS,
        20,
        "The members' space of the Migration Action Group.",
    ),
]

SECRETARIAT = "secretariat@demo.alliance87.org"
CHAIR = "chair@demo.alliance87.org"
FOCAL = "focal@demo.alliance87.org"

THREADS = [
    # (space, title, [(author e-mail, Markdown)]): the first post opens the discussion.
    (
        "supply-chains",
        "Mapping of supply chain initiatives — next steps",
        [
            (
                CHAIR,
                "Thank you all for the comments on the **mapping of supply chain initiatives**. Next steps:\n\n"
                "1. close the gaps in the list of sector initiatives;\n"
                "2. agree on the criteria for the good-practice summary;\n"
                "3. present the draft at the next GCG meeting.",
            ),
            (
                SECRETARIAT,
                "The Secretariat can put the draft on the agenda of the next GCG meeting. "
                "Please send the final version two weeks before.",
            ),
        ],
    ),
    (
        "introductions",
        "Welcome to the community of practice",
        [
            (
                SECRETARIAT,
                "Welcome! This is the place to meet other partners. Introduce yourself and your organisation.",
            ),
            (FOCAL, "Hello from Walk Free. We work on the Global Slavery Index and national estimates."),
            (
                CHAIR,
                "Welcome @fatima-focal: the Supply Chains Action Group would be glad to hear about your "
                "estimates for garment supply chains.",
            ),
        ],
    ),
    (
        "migration",
        "Follow-up to the strategic planning workshop in Geneva",
        [
            (
                SECRETARIAT,
                "IOM's press release on the strategic planning workshop (Geneva, 29–30 November 2018), “IOM Hosts "
                "Strategic Planning Workshop of Alliance 8.7 Migration Action Group”, is in the library. Which of "
                "the topics it lists should the work plan take up first? (An illustrative conversation.)",
            ),
            (
                FOCAL,
                "We suggest starting with **fair recruitment** and the research questions on debt bondage.",
            ),
        ],
    ),
]


def load() -> list[str]:
    for slug, name, body_slug, visibility, position, description in SPACES:
        owner = Body.objects.filter(slug=body_slug).first() if body_slug else None
        if body_slug and owner is None:
            continue
        Space.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "body": owner,
                "visibility": visibility,
                "position": position,
                "description": description,
                "is_demo": True,
            },
        )
    people = {user.email: user for user in User.objects.filter(email__in=[SECRETARIAT, CHAIR, FOCAL])}
    if len(people) < 3:
        return []
    for user in people.values():
        services.profile_for(user)
    for space_slug, title, posts in THREADS:
        space = Space.objects.filter(slug=space_slug).first()
        if space is None or Thread.objects.filter(space=space, title=title).exists():
            continue
        (first_author, first_body), *replies = posts
        thread = services.create_thread(
            space=space, by=people[first_author], title=title, body=first_body, is_demo=True
        )
        for author, text in replies:
            services.reply(thread=thread, by=people[author], body=text, is_demo=True)
    # Every demo conversation is invented to show the community at work: none is a partner's real words.
    Thread.objects.filter(is_demo=True).update(is_illustrative=True)
    Post.objects.filter(is_demo=True).update(is_illustrative=True)
    return []
