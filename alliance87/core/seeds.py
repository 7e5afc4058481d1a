"""The five seed documents the demo draws on, each cited by its title and publisher (see `core.provenance`).

Demo loaders cite these constants in a record's `source` so a reader can find the document; the texts themselves
are not part of the repository.
"""

#: The partnership's own description (speaks of July 2019): bodies, Secretariat, GCG chairs, partner list.
DESCRIPTION = "“Alliance 8.7: description of the initiative”, Alliance 8.7 (2019)"
#: The Action Groups page: chairs, working groups, the Supply Chains draft work plan, mapped initiatives.
ACTION_GROUPS = "“Action groups”, Alliance 8.7 website"
#: IOM's press release on the Migration Action Group's planning workshop in Geneva (29–30 November 2018).
MIGRATION_RELEASE = "“IOM Hosts Strategic Planning Workshop of Alliance 8.7 Migration Action Group”, IOM"
#: United Nations University's project page of the Conflict and Humanitarian Settings workshop.
UNU_CONFLICT = "“Alliance 8.7 – Conflict & Humanitarian”, United Nations University"
#: The UNU workshop paper by James Cockayne and Summer Walker (2016).
UNU_TEN_IDEAS = (
    "Cockayne and Walker, “Fighting Human Trafficking in Conflict: 10 Ideas for Action by the United Nations "
    "Security Council”, United Nations University (2016)"
)
