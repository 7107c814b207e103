"""The Amazon Polly voices and languages a voice template may use.

Sources:

- the voice ids and language codes Polly accepts: the ``VoiceId`` and ``LanguageCode`` enums of
  the Polly service model that botocore ships (``botocore/data/polly/*/service-2.json``; the
  Amazon Polly API Reference, data type ``Voice``, lists the same values). The Pinpoint API
  Reference (``VoiceTemplateRequest``) sends readers to the Polly Developer Guide for both;
- which language each voice speaks: the Amazon Polly Developer Guide, "Available voices" (the
  table of language, language code and Name/ID), and "Bilingual voices" for the voices that
  speak a second language fully (Aditi and Kajal: Indian English and Hindi).

:data:`VOICE_LANGUAGES` covers the voices of that table; a voice that the installed botocore's
model knows but the table doesn't (one Polly added later) is accepted with any language code
of the model, which must then be given.
"""

from __future__ import annotations

import functools
from typing import Final

from botocore.loaders import Loader

#: Voice id -> the language codes it speaks, the first its default (the "Available voices"
#: table of the Amazon Polly Developer Guide).
VOICE_LANGUAGES: Final[dict[str, tuple[str, ...]]] = {
    **dict.fromkeys(("Zeina",), ("arb",)),
    **dict.fromkeys(("Hala", "Zayd"), ("ar-AE",)),
    **dict.fromkeys(("Lisa",), ("nl-BE",)),
    **dict.fromkeys(("Arlet",), ("ca-ES",)),
    **dict.fromkeys(("Jitka",), ("cs-CZ",)),
    **dict.fromkeys(("Hiujin",), ("yue-CN",)),
    **dict.fromkeys(("Zhiyu",), ("cmn-CN",)),
    **dict.fromkeys(("Naja", "Mads", "Sofie"), ("da-DK",)),
    **dict.fromkeys(("Laura", "Lotte", "Ruben"), ("nl-NL",)),
    **dict.fromkeys(("Nicole", "Olivia", "Russell"), ("en-AU",)),
    **dict.fromkeys(("Amy", "Emma", "Brian", "Arthur"), ("en-GB",)),
    **dict.fromkeys(("Aditi", "Kajal"), ("en-IN", "hi-IN")),
    **dict.fromkeys(("Raveena",), ("en-IN",)),
    **dict.fromkeys(("Niamh",), ("en-IE",)),
    **dict.fromkeys(("Aria",), ("en-NZ",)),
    **dict.fromkeys(("Jasmine",), ("en-SG",)),
    **dict.fromkeys(("Ayanda",), ("en-ZA",)),
    **dict.fromkeys(
        (
            "Danielle",
            "Gregory",
            "Ivy",
            "Joanna",
            "Kendra",
            "Kimberly",
            "Salli",
            "Joey",
            "Justin",
            "Kevin",
            "Matthew",
            "Ruth",
            "Stephen",
        ),
        ("en-US",),
    ),
    **dict.fromkeys(("Geraint",), ("en-GB-WLS",)),
    **dict.fromkeys(("Suvi",), ("fi-FI",)),
    **dict.fromkeys(("Celine", "Lea", "Mathieu", "Remi"), ("fr-FR",)),
    **dict.fromkeys(("Isabelle",), ("fr-BE",)),
    **dict.fromkeys(("Chantal", "Gabrielle", "Liam"), ("fr-CA",)),
    **dict.fromkeys(("Marlene", "Vicki", "Hans", "Daniel"), ("de-DE",)),
    **dict.fromkeys(("Hannah",), ("de-AT",)),
    **dict.fromkeys(("Sabrina",), ("de-CH",)),
    **dict.fromkeys(("Dora", "Karl"), ("is-IS",)),
    **dict.fromkeys(("Carla", "Bianca", "Giorgio", "Adriano"), ("it-IT",)),
    **dict.fromkeys(("Mizuki", "Takumi", "Kazuha", "Tomoko"), ("ja-JP",)),
    **dict.fromkeys(("Seoyeon", "Jihye"), ("ko-KR",)),
    **dict.fromkeys(("Liv", "Ida"), ("nb-NO",)),
    **dict.fromkeys(("Ewa", "Maja", "Jacek", "Jan", "Ola"), ("pl-PL",)),
    **dict.fromkeys(("Camila", "Vitoria", "Ricardo", "Thiago"), ("pt-BR",)),
    **dict.fromkeys(("Ines", "Cristiano"), ("pt-PT",)),
    **dict.fromkeys(("Carmen",), ("ro-RO",)),
    **dict.fromkeys(("Tatyana", "Maxim"), ("ru-RU",)),
    **dict.fromkeys(("Conchita", "Lucia", "Enrique", "Sergio"), ("es-ES",)),
    **dict.fromkeys(("Mia", "Andres"), ("es-MX",)),
    **dict.fromkeys(("Lupe", "Penelope", "Miguel", "Pedro"), ("es-US",)),
    **dict.fromkeys(("Astrid", "Elin"), ("sv-SE",)),
    **dict.fromkeys(("Filiz", "Burcu"), ("tr-TR",)),
    **dict.fromkeys(("Gwyneth",), ("cy-GB",)),
}


@functools.cache
def polly_enums() -> tuple[frozenset[str], frozenset[str]]:
    """The voice ids and language codes of the installed botocore's Polly model."""
    model = Loader().load_service_model("polly", "service-2")
    shapes = model["shapes"]
    return frozenset(shapes["VoiceId"]["enum"]), frozenset(shapes["LanguageCode"]["enum"])


def check_voice(voice_id: str, language_code: str | None) -> str:
    """The language code to use for ``voice_id``: ``language_code``, or the voice's default.

    :raises ValueError: for a voice or language Polly doesn't have, a language the voice
        doesn't speak, or no language for a voice whose languages aren't known here.
    """
    voices, languages = polly_enums()
    if voice_id not in voices and voice_id not in VOICE_LANGUAGES:
        raise ValueError(
            f"voice_id must be an Amazon Polly voice id (e.g. 'Joanna', 'Matthew', 'Amy'), got "
            f"{voice_id!r}; the voices are listed in the Amazon Polly Developer Guide, "
            "'Available voices'"
        )
    if language_code is not None and language_code not in languages:
        raise ValueError(
            f"language_code must be an Amazon Polly language code (e.g. 'en-US', 'de-DE'), got "
            f"{language_code!r}; one of: {', '.join(sorted(languages))}"
        )
    spoken = VOICE_LANGUAGES.get(voice_id)
    if spoken is None:
        if language_code is None:
            raise ValueError(
                f"voice_id {voice_id!r} needs a language_code: its language isn't in this "
                "library's table of Polly voices"
            )
        return language_code
    if language_code is None:
        return spoken[0]
    if language_code not in spoken:
        raise ValueError(
            f"voice_id {voice_id!r} speaks {' and '.join(spoken)}, not language_code "
            f"{language_code!r}"
        )
    return language_code
