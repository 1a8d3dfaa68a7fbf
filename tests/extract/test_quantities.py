import pytest

from eventcoder.extract.quantities import extract_quantities, to_number

NONE = {"dead": None, "injured": None, "arrested": None, "size": None}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gunmen killed at least 12 villagers in an overnight raid.", {"dead": 12}),
        ("12 people were killed and 30 others wounded when a bomb exploded.", {"dead": 12, "injured": 30}),
        ("Security forces opened fire, wounding 30.", {"injured": 30}),
        ("Thousands of protesters marched through the capital.", {"size": 2000}),
        ("Tens of thousands of demonstrators rallied on Saturday.", {"size": 20000}),
        ("Hundreds of people gathered outside the embassy.", {"size": 200}),
        ("A crowd of about 5,000 gathered in the square.", {"size": 5000}),
        ("Some 300 people were detained after the protest.", {"arrested": 300}),
        ("Police detained 300 protesters.", {"arrested": 300}),
        ("Police arrested dozens of activists.", {"arrested": 24}),
        ("Three soldiers died in the ambush.", {"dead": 3}),
        ("A dozen police officers were injured.", {"injured": 12}),
        ("Half a dozen journalists were arrested.", {"arrested": 6}),
        ("Twenty-five people were hurt in clashes.", {"injured": 25}),
        ("The death toll rose to 45 on Monday.", {"dead": 45}),
        ("At least 12 people, including three children, were killed.", {"dead": 12}),
        ("Two people were killed, five injured and 20 arrested.", {"dead": 2, "injured": 5, "arrested": 20}),
        ("Five were injured and two killed.", {"dead": 2, "injured": 5}),
        ("The bombing left 7 dead and 19 injured.", {"dead": 7, "injured": 19}),
        ("Soldiers killed 12 people and wounded 30.", {"dead": 12, "injured": 30}),
        ("In 2024, police arrested 15 students.", {"arrested": 15}),
        ("He was sentenced to 12 years for killing two men.", {"dead": 2}),
        ("The minister said 40 percent of voters backed the plan.", {}),
        ("The president met 12 ministers on March 3.", {}),
        ("The government announced a $3 million aid package.", {}),
        ("The parliament approved the budget.", {}),
    ],
)
def test_extract_quantities(sentence, expected):
    assert extract_quantities(sentence) == {**NONE, **expected}


@pytest.mark.parametrize(
    ("text", "value"),
    [("12,000", 12000), ("1.5 million", 1_500_000), ("a dozen", 12), ("two hundred", 200),
     ("thirty-two", 32), ("hundreds of thousands", 200_000), ("scores", 40)],
)
def test_to_number(text, value):
    assert to_number(text) == value
