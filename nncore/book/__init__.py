"""The book's own modules, by their names, as a thin face over nncore.

"Deep Learning from Scratch" has readers type ``from common.functions import *``,
``from dataset.mnist import load_mnist`` and ``from two_layer_net import TwoLayerNet``.
These modules give those names the book's signatures, defaults and return values, and
run on nncore's code underneath; ``nnlab run SCRIPT`` lets such imports find them.

============================================  ============================================
Book name                                     nncore
============================================  ============================================
``common.functions.identity_function``        ``nncore.functions.identity_function``
``common.functions.step_function``            ``nncore.functions.step_function``
``common.functions.sigmoid``                  ``nncore.functions.sigmoid``
``common.functions.sigmoid_grad``             ``(1 - sigmoid(x)) * sigmoid(x)`` (book face)
``common.functions.relu``                     ``nncore.functions.relu``
``common.functions.relu_grad``                ``x >= 0`` as floats (book face)
``common.functions.softmax``                  ``nncore.functions.softmax`` (last axis)
``common.functions.sum_squared_error``        ``nncore.functions.sum_squares_error``
``common.functions.mean_squared_error``       ``nncore.functions.sum_squares_error``
``common.functions.cross_entropy_error``      ``nncore.functions.cross_entropy_error``
``common.functions.softmax_loss``             ``cross_entropy_error(softmax(x), t)``
``common.gradient.numerical_diff``            ``nncore.gradient.numerical_diff``
``common.gradient.numerical_gradient``        ``nncore.gradient.numerical_gradient``
``common.gradient.numerical_gradient_2d``     ``nncore.gradient.numerical_gradient_rows``
``common.gradient.gradient_descent``          ``nncore.descent.gradient_descent``: the
                                              book's ``(x, x_history)`` from its path
``common.layers.Relu`` / ``Sigmoid``          ``nncore.layers.Relu`` / ``Sigmoid``
``common.layers.Affine``                      ``nncore.layers.Affine`` (any ndim)
``common.layers.SoftmaxWithLoss``             ``nncore.layers.SoftmaxWithLoss`` plus the
                                              book's ``loss`` and ``t`` attributes
``common.optimizer.SGD`` / ``Momentum``       ``nncore.optimizers.SGD`` / ``Momentum``
``common.optimizer.AdaGrad`` / ``Adam``       ``nncore.optimizers.AdaGrad`` / ``Adam``
``common.optimizer.Nesterov`` / ``RMSprop``   ``nncore.optimizers.Optimizer`` subclasses
``two_layer_net.TwoLayerNet``                 ``nncore.layers`` forward/backward;
                                              ``numerical_gradient`` by
                                              ``nncore.fast_numgrad``
``dataset.mnist.load_mnist``                  ``nncore.datasets.load_mnist`` (checked
                                              download and ``.npy`` cache)
============================================  ============================================

Import them as ``nncore.book.common.functions`` and so on; nothing here is imported by
``import nncore.book``.
"""
