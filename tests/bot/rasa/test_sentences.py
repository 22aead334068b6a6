"""Finding the request sentence of a long message, and weighing it in the features."""

import numpy as np
import pytest
import scipy.sparse as sp

from bot.rasa.sentences import request_sentence, sentences, weigh_requests


def test_sentences_end_at_stops_question_marks_and_line_breaks():
    assert sentences("Jeg bor i Bergen. Har dere kurs?\nTakk!") == ["Jeg bor i Bergen.", "Har dere kurs?", "Takk!"]
    assert sentences("أنا من حلب. شو في كورسات؟ شكرا") == ["أنا من حلب.", "شو في كورسات؟", "شكرا"]
    assert sentences("ኣብ ኤርትራ ሓረስታይ ነይረ። እንታይ ኮርሳት ኣለዉ፧") == ["ኣብ ኤርትራ ሓረስታይ ነይረ።", "እንታይ ኮርሳት ኣለዉ፧"]


@pytest.mark.parametrize("text", [
    "which courses are there in Bergen?",
    "I came from Eritrea two years ago, I worked as a cook, which courses are there?",
    "",
])
def test_a_message_of_one_sentence_is_its_own_request(text):
    assert request_sentence(text) is None


def test_the_request_is_the_last_question():
    text = ("I moved here two years ago. I worked as a cook in Asmara. "
            "Which courses are there in Bergen? My Norwegian is B1.")
    assert request_sentence(text) == "Which courses are there in Bergen?"


def test_without_a_question_the_request_is_the_last_sentence():
    text = "The course is in Sandvika and I live in Hurum. The ticket costs me 900 a month."
    assert request_sentence(text) == "The ticket costs me 900 a month."


def test_a_short_request_takes_the_sentence_before_it_along():
    text = "I had a job in a warehouse. My back hurts and I have praksis tomorrow. What now?"
    assert request_sentence(text) == "My back hurts and I have praksis tomorrow. What now?"
    # "kl. 15" is no sentence end a request would be cut at.
    assert request_sentence("Jeg henter barna kl. 15 hver dag. Når slutter kurset?") == "Når slutter kurset?"


def test_a_request_that_needs_the_whole_message_is_none():
    assert request_sentence("Hi. Help?") is None


def test_only_messages_of_several_sentences_are_weighed():
    texts = ["one sentence only", "A story here. What about the question?"]
    vocabulary = {"one": 0, "story": 1, "question": 2}

    def features(batch):
        rows = [[float(word in t.lower()) for word in vocabulary] for t in batch]
        return sp.csr_matrix(np.array(rows, dtype=np.float32))

    whole = features(texts)
    weighed = weigh_requests(whole, texts, features, 0.25).toarray()
    assert weighed[0].tolist() == whole.toarray()[0].tolist()
    assert weighed[1] == pytest.approx([0.0, 0.75, 1.0])
    assert (weigh_requests(whole, texts, features, 0.0) != whole).nnz == 0
