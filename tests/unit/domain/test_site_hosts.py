"""The Host names the site answers to (issue 14 §9)."""
from domain.site_hosts import site_hosts


def test_the_public_address_comes_first_without_its_port_and_in_lower_case():
    assert site_hosts("https://Permits.Example.org:8443/") == ("permits.example.org",)


def test_configured_names_are_added_once_each():
    assert site_hosts("https://permits.example.org", (" WWW.permits.example.org",
                                                      "permits.example.org", "")) == (
        "permits.example.org", "www.permits.example.org")


def test_a_site_on_this_machine_answers_to_every_loopback_name():
    assert site_hosts("http://127.0.0.1:8000") == ("127.0.0.1", "localhost", "[::1]")
    assert site_hosts("http://[::1]:8000") == ("[::1]", "127.0.0.1", "localhost")


def test_a_public_site_does_not_answer_to_loopback_names():
    assert "localhost" not in site_hosts("https://permits.example.org", ("10.0.0.5",))
